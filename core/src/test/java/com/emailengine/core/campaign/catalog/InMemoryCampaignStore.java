package com.emailengine.core.campaign.catalog;

import com.emailengine.core.campaign.definition.CampaignStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/** Campaigns in memory, with the DynamoDB store's conditional semantics. */
public final class InMemoryCampaignStore implements CampaignStore {

    private final Map<String, CampaignRecord> records = new TreeMap<>();
    private final Map<String, CampaignVersion> versions = new TreeMap<>();

    @Override
    public synchronized Optional<CampaignRecord> record(String tenantId, String campaignId) {
        return Optional.ofNullable(records.get(tenantId + "/" + campaignId));
    }

    @Override
    public synchronized List<CampaignRecord> records(String tenantId) {
        return records.values().stream().filter(r -> r.tenantId().equals(tenantId)).toList();
    }

    @Override
    public synchronized Optional<CampaignVersion> version(String tenantId, String campaignId, int version) {
        return Optional.ofNullable(versions.get(tenantId + "/" + campaignId + "/" + version));
    }

    @Override
    public synchronized boolean append(CampaignVersion version, String origin, Instant at) {
        String recordKey = version.tenantId() + "/" + version.campaignId();
        String versionKey = recordKey + "/" + version.version();
        if (versions.containsKey(versionKey)) {
            return false;
        }
        CampaignRecord record = records.get(recordKey);
        if (version.version() == 1 ? record != null : record == null || record.latestVersion() != version.version() - 1) {
            return false;
        }
        versions.put(versionKey, version);
        records.put(recordKey, record == null
                ? new CampaignRecord(version.tenantId(), version.campaignId(), version.definition().name(),
                        version.definition().kind(), CampaignStatus.DRAFT, 1, OptionalInt.empty(), origin, at, at, "created")
                : new CampaignRecord(record.tenantId(), record.id(), version.definition().name(), version.definition().kind(),
                        record.status(), version.version(), record.activeVersion(), record.origin(), record.createdAt(), at,
                        record.statusReason()));
        return true;
    }

    @Override
    public synchronized boolean changeStatus(String tenantId, String campaignId, CampaignStatus from, int expectedLatest,
                                             CampaignStatus to, OptionalInt activeVersion, String reason, Instant at) {
        CampaignRecord record = records.get(tenantId + "/" + campaignId);
        if (record == null || record.status() != from || record.latestVersion() != expectedLatest) {
            return false;
        }
        records.put(tenantId + "/" + campaignId, new CampaignRecord(tenantId, campaignId, record.name(), record.kind(), to,
                record.latestVersion(), activeVersion.isPresent() ? activeVersion : record.activeVersion(), record.origin(),
                record.createdAt(), at, reason));
        return true;
    }
}
