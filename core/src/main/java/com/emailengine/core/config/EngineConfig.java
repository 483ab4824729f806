package com.emailengine.core.config;

import com.emailengine.core.campaign.Campaigns;
import com.emailengine.core.tenant.Tenants;
import java.util.Set;

/**
 * Everything an operator configures as data: tenants with their IP pools and DKIM selectors, and the
 * campaigns. Read once per process (cold start) and validated as a whole.
 */
public record EngineConfig(Tenants tenants, Campaigns campaigns) {

    public static final String TENANTS_FILE = "tenants.yaml";
    public static final String CAMPAIGNS_FILE = "campaigns.yaml";

    /** Reads and cross-checks the files; a problem is a {@link ConfigException} naming file and line. */
    public static EngineConfig load(ConfigSource source) {
        ConfigMap tenantsDoc = ConfigDocument.parse(TENANTS_FILE, require(source, TENANTS_FILE));
        ConfigMap campaignsDoc = ConfigDocument.parse(CAMPAIGNS_FILE, require(source, CAMPAIGNS_FILE));
        Set<String> tenantIds = TenantsFile.ids(tenantsDoc);
        Campaigns campaigns = CampaignsFile.read(campaignsDoc, tenantIds);
        Tenants tenants = TenantsFile.read(tenantsDoc, campaigns);
        return new EngineConfig(tenants, campaigns);
    }

    private static String require(ConfigSource source, String file) {
        return source.read(file).orElseThrow(() ->
                new ConfigException(file, 0, "not found in " + source.describe()));
    }
}
