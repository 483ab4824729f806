package com.emailengine.core.campaign;

import java.util.List;
import java.util.Optional;

/**
 * Campaigns as {@code campaigns.yaml} lists them: the shipped ones, seeded into the campaign store at first start
 * (D46). As a {@link CampaignLookup} every one of them runs (tests that need no store use it so). Immutable.
 */
public record Campaigns(List<Campaign> all) implements CampaignLookup {

    public Campaigns {
        all = List.copyOf(all);
    }

    public Optional<Campaign> campaign(String tenantId, String campaignId) {
        return all.stream().filter(c -> c.tenantId().equals(tenantId) && c.id().equals(campaignId)).findFirst();
    }

    @Override
    public Found find(String tenantId, String campaignId) {
        return campaign(tenantId, campaignId).map(Found::running).orElse(Found.ENDED);
    }
}
