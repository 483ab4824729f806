package com.emailengine.core.campaign.catalog;

import com.emailengine.core.campaign.definition.CampaignDefinition;
import java.time.Instant;

/** One immutable version of a campaign's definition. */
public record CampaignVersion(String tenantId, int version, CampaignDefinition definition, Instant createdAt) {

    public String campaignId() {
        return definition.id();
    }
}
