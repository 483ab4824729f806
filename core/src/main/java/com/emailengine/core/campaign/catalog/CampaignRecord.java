package com.emailengine.core.campaign.catalog;

import com.emailengine.core.campaign.definition.CampaignKind;
import com.emailengine.core.campaign.definition.CampaignStatus;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * A tenant's campaign as listed: its status, the version that runs ({@code activeVersion}, empty until first
 * activated) and the newest one (a draft when above the active one). Versions never change once written.
 *
 * @param origin {@code api}, {@code seed} (created at first start from the shipped campaigns) or {@code mailwizz-import}
 * @param statusReason why it is in its status, in words (who paused it, "every enrollment ran out")
 */
public record CampaignRecord(String tenantId, String id, String name, CampaignKind kind, CampaignStatus status,
                             int latestVersion, OptionalInt activeVersion, String origin, Instant createdAt,
                             Instant updatedAt, String statusReason) {

    /** Whether the newest version is not the one that runs. */
    public boolean hasDraft() {
        return activeVersion.isEmpty() || activeVersion.getAsInt() != latestVersion;
    }
}
