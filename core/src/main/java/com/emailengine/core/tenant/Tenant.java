package com.emailengine.core.tenant;

import java.util.List;

/**
 * A customer of the engine that sends under its own domain from its own IPs.
 *
 * @param returnPathDomain the domain of the VERP envelope sender; bounces come back to it
 * @param welcomeCampaign  the campaign a newly ingested contact is enrolled in
 */
public record Tenant(
        String id,
        String displayName,
        String sendingDomain,
        String fromAddress,
        String fromName,
        String returnPathDomain,
        String defaultLanguage,
        String welcomeCampaign,
        IpPool pool,
        List<DkimSelector> dkimSelectors) {

    public Tenant {
        dkimSelectors = List.copyOf(dkimSelectors);
    }
}
