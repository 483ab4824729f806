package com.emailengine.core.campaign.catalog;

import com.emailengine.core.campaign.definition.CampaignDefinition;
import com.emailengine.core.campaign.definition.CampaignStatus;
import com.emailengine.core.campaign.definition.InvalidCampaignException;
import com.emailengine.core.tenant.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The campaign use cases of API v2: create, add a version (an edit: the running version never changes under its
 * contacts), read, list, activate (after {@link ActivationCheck}), pause, resume, archive, and the seeding of the
 * shipped campaigns at first start. Thread-safe; concurrent writers are settled by the store's conditional writes,
 * and the loser is told (409) rather than silently overwritten.
 */
public final class CampaignCatalog {

    /** The campaign does not exist, or has no such version. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message, null, false, false);
        }
    }

    /** The request conflicts with what exists: an id taken, a status that does not allow it, a concurrent writer. */
    public static final class Conflict extends RuntimeException {
        private final String code;

        public Conflict(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        /** {@code campaign_exists}, {@code campaign_state} or {@code campaign_conflict}. */
        public String code() {
            return code;
        }
    }

    /** A record and one of its versions; {@code unchanged} when an edit sent the newest definition again. */
    public record Found(CampaignRecord record, CampaignVersion version, boolean unchanged) {

        public Found(CampaignRecord record, CampaignVersion version) {
            this(record, version, false);
        }
    }

    private final CampaignStore store;
    private final ActivationCheck activation;
    private final Clock clock;

    public CampaignCatalog(CampaignStore store, ActivationCheck activation, Clock clock) {
        this.store = store;
        this.activation = activation;
        this.clock = clock;
    }

    public Found create(Tenant tenant, CampaignDefinition definition) {
        return create(tenant, definition, "api");
    }

    private Found create(Tenant tenant, CampaignDefinition definition, String origin) {
        Optional<CampaignRecord> existing = store.record(tenant.id(), definition.id());
        if (existing.isPresent()) {
            throw new Conflict("campaign_exists", "campaign '" + definition.id() + "' already exists; add a version to it instead");
        }
        Instant now = clock.instant();
        CampaignVersion version = new CampaignVersion(tenant.id(), 1, definition, now);
        if (!store.append(version, origin, now)) {
            throw new Conflict("campaign_conflict", "campaign '" + definition.id() + "' was created by another request at the same time");
        }
        return new Found(store.record(tenant.id(), definition.id()).orElseThrow(), version);
    }

    /** A new version (a draft until activated); the one that runs keeps running. */
    public Found addVersion(Tenant tenant, CampaignDefinition definition) {
        CampaignRecord record = existing(tenant, definition.id());
        if (record.status() == CampaignStatus.ARCHIVED) {
            throw new Conflict("campaign_state", "campaign '" + definition.id() + "' is archived: it takes no new version");
        }
        Optional<CampaignVersion> latest = store.version(tenant.id(), definition.id(), record.latestVersion());
        if (latest.isPresent() && latest.get().definition().equals(definition)) {
            return new Found(record, latest.get(), true); // the same definition sent again (a retry): no new version
        }
        Instant now = clock.instant();
        CampaignVersion version = new CampaignVersion(tenant.id(), record.latestVersion() + 1, definition, now);
        if (!store.append(version, record.origin(), now)) {
            throw new Conflict("campaign_conflict", "campaign '" + definition.id() + "' got version " + version.version()
                    + " from another request at the same time; read it and try again");
        }
        return new Found(store.record(tenant.id(), definition.id()).orElseThrow(), version);
    }

    public List<CampaignRecord> list(String tenantId, boolean includeArchived) {
        return store.records(tenantId).stream()
                .filter(record -> includeArchived || record.status() != CampaignStatus.ARCHIVED)
                .sorted(Comparator.comparing(CampaignRecord::id)).toList();
    }

    /** The record with the given version, else the active one, else the newest. */
    public Found read(Tenant tenant, String campaignId, OptionalInt version) {
        CampaignRecord record = existing(tenant, campaignId);
        int number = version.orElse(record.activeVersion().orElse(record.latestVersion()));
        CampaignVersion found = store.version(tenant.id(), campaignId, number).orElseThrow(() ->
                new NotFound("campaign '" + campaignId + "' has no version " + number + " (latest: " + record.latestVersion() + ")"));
        return new Found(record, found);
    }

    /** The record with its newest version (a draft, or the running one when there is none). */
    public Found latest(Tenant tenant, String campaignId) {
        CampaignRecord record = existing(tenant, campaignId);
        return new Found(record, store.version(tenant.id(), campaignId, record.latestVersion()).orElseThrow(() ->
                new NotFound("campaign '" + campaignId + "' has no version " + record.latestVersion())));
    }

    /** The checks of activation, without activating: every kind of failure. */
    public List<InvalidCampaignException> validate(Tenant tenant, CampaignDefinition definition) {
        return activation.failures(tenant, definition);
    }

    /**
     * Runs the given version (the newest when empty) from now on. Contacts already enrolled go on with their next
     * step as the new version numbers it.
     *
     * @throws InvalidCampaignException when the version may not run
     */
    public Found activate(Tenant tenant, String campaignId, OptionalInt version, String by) {
        CampaignRecord record = existing(tenant, campaignId);
        requireMove(record, CampaignStatus.ACTIVE, "activated");
        int number = version.orElse(record.latestVersion());
        CampaignVersion chosen = store.version(tenant.id(), campaignId, number).orElseThrow(() ->
                new NotFound("campaign '" + campaignId + "' has no version " + number + " (latest: " + record.latestVersion() + ")"));
        activation.check(tenant, chosen.definition());
        change(record, CampaignStatus.ACTIVE, OptionalInt.of(number), "version " + number + " activated by " + by);
        return new Found(store.record(tenant.id(), campaignId).orElseThrow(), chosen);
    }

    public CampaignRecord pause(Tenant tenant, String campaignId, String by) {
        return fromTo(existing(tenant, campaignId), CampaignStatus.ACTIVE, CampaignStatus.PAUSED, "paused by " + by,
                "only an active campaign can be paused");
    }

    public CampaignRecord resume(Tenant tenant, String campaignId, String by) {
        return fromTo(existing(tenant, campaignId), CampaignStatus.PAUSED, CampaignStatus.ACTIVE, "resumed by " + by,
                "only a paused campaign can be resumed (activate a draft)");
    }

    /** A move allowed from one status only (the running version unchanged); a conflict naming why otherwise. */
    private CampaignRecord fromTo(CampaignRecord record, CampaignStatus from, CampaignStatus to, String reason, String onlyWhen) {
        if (record.status() != from) {
            throw new Conflict("campaign_state", "campaign '" + record.id() + "' is " + record.status().wireName() + ": " + onlyWhen);
        }
        return change(record, to, OptionalInt.empty(), reason);
    }

    public CampaignRecord archive(Tenant tenant, String campaignId, String by) {
        CampaignRecord record = existing(tenant, campaignId);
        requireMove(record, CampaignStatus.ARCHIVED, "archived");
        return change(record, CampaignStatus.ARCHIVED, OptionalInt.empty(), "archived by " + by);
    }

    /**
     * Creates and activates a shipped campaign unless the tenant already has a campaign of that id (whatever the
     * operator did with it since: a seed never overwrites). Safe to run at every start, from several processes.
     *
     * @return whether this call created it
     */
    public boolean seed(Tenant tenant, CampaignDefinition definition) {
        if (store.record(tenant.id(), definition.id()).isPresent()) {
            return false;
        }
        activation.check(tenant, definition);
        Instant now = clock.instant();
        if (!store.append(new CampaignVersion(tenant.id(), 1, definition, now), "seed", now)) {
            return false;
        }
        CampaignRecord created = store.record(tenant.id(), definition.id()).orElseThrow();
        store.changeStatus(tenant.id(), definition.id(), CampaignStatus.DRAFT, created.latestVersion(), CampaignStatus.ACTIVE,
                OptionalInt.of(1), "seeded at first start", now);
        return true;
    }

    private CampaignRecord existing(Tenant tenant, String campaignId) {
        return store.record(tenant.id(), campaignId).orElseThrow(() -> new NotFound("no campaign '" + campaignId + "'"));
    }

    private static void requireMove(CampaignRecord record, CampaignStatus to, String verb) {
        if (!record.status().next().contains(to)) {
            throw new Conflict("campaign_state", "campaign '" + record.id() + "' is " + record.status().wireName()
                    + ": it cannot be " + verb);
        }
    }

    private CampaignRecord change(CampaignRecord record, CampaignStatus to, OptionalInt active, String reason) {
        if (!store.changeStatus(record.tenantId(), record.id(), record.status(), record.latestVersion(), to, active, reason,
                clock.instant())) {
            throw new Conflict("campaign_conflict", "campaign '" + record.id() + "' was changed by another request at the "
                    + "same time; read it and try again");
        }
        return store.record(record.tenantId(), record.id()).orElseThrow();
    }
}
