package com.emailengine.core.campaign.catalog;

import com.emailengine.core.campaign.definition.CampaignStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Persistent campaigns of every tenant: a record per campaign and its immutable versions. Safe for concurrent use from
 * many processes: every write is conditional, so two writers racing for one version number or one status change
 * cannot both win.
 */
public interface CampaignStore {

    Optional<CampaignRecord> record(String tenantId, String campaignId);

    /** The tenant's campaigns, archived ones included. */
    List<CampaignRecord> records(String tenantId);

    Optional<CampaignVersion> version(String tenantId, String campaignId, int version);

    /**
     * Writes a new version and moves the record's latest version to it: creates the record (as a draft, with
     * {@code origin}) for version 1, else requires the record's latest version to be {@code version - 1}. False, and
     * nothing anyone can see changed, when another writer took that number first.
     */
    boolean append(CampaignVersion version, String origin, Instant at);

    /**
     * Moves the record from {@code from} (and from latest version {@code expectedLatest}, so a version written in
     * between is not activated unseen) to {@code to}, running {@code activeVersion} (empty: unchanged). False when the
     * record is no longer in that state.
     */
    boolean changeStatus(String tenantId, String campaignId, CampaignStatus from, int expectedLatest, CampaignStatus to,
                         OptionalInt activeVersion, String reason, Instant at);
}
