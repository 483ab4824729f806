package com.emailengine.core.campaign;

import java.util.List;
import java.util.Optional;

/** All campaigns, looked up by tenant and id. Immutable. */
public record Campaigns(List<Campaign> all) {

    public Campaigns {
        all = List.copyOf(all);
    }

    public Optional<Campaign> find(String tenantId, String campaignId) {
        return all.stream().filter(c -> c.tenantId().equals(tenantId) && c.id().equals(campaignId)).findFirst();
    }
}
