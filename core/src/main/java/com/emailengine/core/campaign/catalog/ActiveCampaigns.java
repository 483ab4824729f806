package com.emailengine.core.campaign.catalog;

import com.emailengine.core.campaign.Campaign;
import com.emailengine.core.campaign.CampaignLookup;
import com.emailengine.core.campaign.CampaignStep;
import com.emailengine.core.campaign.definition.CampaignDefinition;
import com.emailengine.core.campaign.definition.CampaignStatus;
import com.emailengine.core.campaign.definition.StepDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The campaign store as the scheduler and the intake ask it: the running version of a campaign, as the steps they
 * send. A record is read again after {@link #RECORD_TTL} (a pause or an activation takes effect within it, not
 * within a store read per contact); the scheduler takes a fresh instance for each run, so a run sees what was decided
 * before it started. Versions are immutable: kept once read, in a cache the instances share. Thread-safe.
 */
public final class ActiveCampaigns implements CampaignLookup {

    public static final Duration RECORD_TTL = Duration.ofSeconds(10);

    private record Seen(Optional<CampaignRecord> record, Instant at) {
    }

    private final CampaignStore store;
    private final Clock clock;
    private final Map<String, Seen> records = new LinkedHashMap<>();
    private final Versions versions;

    /** Versions read once, shared by the lookups of a process: immutable, so never stale. */
    public static final class Versions {
        static final int KEPT = 1_000;

        private final Map<String, Campaign> kept = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Campaign> eldest) {
                return size() > KEPT;
            }
        };

        synchronized Campaign get(String key) {
            return kept.get(key);
        }

        synchronized void put(String key, Campaign campaign) {
            kept.put(key, campaign);
        }
    }

    public ActiveCampaigns(CampaignStore store, Clock clock) {
        this(store, clock, new Versions());
    }

    public ActiveCampaigns(CampaignStore store, Clock clock, Versions versions) {
        this.store = store;
        this.clock = clock;
        this.versions = versions;
    }

    @Override
    public Found find(String tenantId, String campaignId) {
        Optional<CampaignRecord> record = record(tenantId, campaignId);
        if (record.isEmpty() || record.get().activeVersion().isEmpty()) {
            // Never activated: a draft waits, anything else (unknown) ends.
            return record.map(r -> r.status() == CampaignStatus.DRAFT ? new Found(Standing.HELD, Optional.<Campaign>empty()) : Found.ENDED)
                    .orElse(Found.ENDED);
        }
        CampaignStatus status = record.get().status();
        if (status == CampaignStatus.ARCHIVED || status == CampaignStatus.FINISHED) {
            return Found.ENDED;
        }
        Optional<Campaign> campaign = version(tenantId, campaignId, record.get().activeVersion().getAsInt());
        if (campaign.isEmpty()) {
            return Found.ENDED;
        }
        return new Found(status.sends() ? Standing.RUNNING : Standing.HELD, campaign);
    }

    private synchronized Optional<CampaignRecord> record(String tenantId, String campaignId) {
        String key = tenantId + "/" + campaignId;
        Instant now = clock.instant();
        Seen seen = records.get(key);
        if (seen == null || !now.isBefore(seen.at().plus(RECORD_TTL)) || now.isBefore(seen.at())) {
            seen = new Seen(store.record(tenantId, campaignId), now);
            records.put(key, seen);
        }
        return seen.record();
    }

    private Optional<Campaign> version(String tenantId, String campaignId, int version) {
        String key = tenantId + "/" + campaignId + "/" + version;
        Campaign known = versions.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Campaign> read = store.version(tenantId, campaignId, version).map(v -> steps(tenantId, v.definition()));
        read.ifPresent(campaign -> versions.put(key, campaign));
        return read;
    }

    /** The steps as the scheduler sends them today: template, pinned version, delay (ActivationCheck refuses the rest). */
    static Campaign steps(String tenantId, CampaignDefinition definition) {
        List<CampaignStep> steps = definition.steps().stream().map(ActiveCampaigns::step).toList();
        return new Campaign(definition.id(), tenantId, steps);
    }

    private static CampaignStep step(StepDefinition step) {
        return new CampaignStep(step.number(), step.templateKey(), step.templateVersion(), step.delay().orElse(Duration.ZERO));
    }
}
