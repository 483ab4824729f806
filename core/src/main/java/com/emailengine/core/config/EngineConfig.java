package com.emailengine.core.config;

import com.emailengine.core.campaign.Campaigns;
import com.emailengine.core.routing.Routing;
import com.emailengine.core.source.Sources;
import com.emailengine.core.tenant.Tenants;
import java.util.List;
import java.util.Set;

/**
 * Everything an operator configures as data: tenants with their IP pools and DKIM selectors, the campaigns, the
 * sources that may post contacts, and the routing rules and validation policies. Read once per process (cold start)
 * and validated as a whole.
 */
public record EngineConfig(Tenants tenants, Campaigns campaigns, Sources sources, Routing routing) {

    public static final String TENANTS_FILE = "tenants.yaml";
    public static final String CAMPAIGNS_FILE = "campaigns.yaml";
    /** Optional: without it no source can post contacts. */
    public static final String SOURCES_FILE = "sources.yaml";
    /** Optional: without it a contact goes to the tenant its source names, under the default validation policy. */
    public static final String ROUTING_FILE = "routing.yaml";
    /** Every file a configuration folder may hold, for tools that copy or upload the folder. */
    public static final List<String> FILES = List.of(TENANTS_FILE, CAMPAIGNS_FILE, SOURCES_FILE, ROUTING_FILE);

    /** Tenants and campaigns only: no source may post, routing by named tenant. */
    public EngineConfig(Tenants tenants, Campaigns campaigns) {
        this(tenants, campaigns, Sources.NONE, Routing.none(tenants));
    }

    /** Reads and cross-checks the files; a problem is a {@link ConfigException} naming file and line. */
    public static EngineConfig load(ConfigSource source) {
        ConfigMap tenantsDoc = ConfigDocument.parse(TENANTS_FILE, require(source, TENANTS_FILE));
        ConfigMap campaignsDoc = ConfigDocument.parse(CAMPAIGNS_FILE, require(source, CAMPAIGNS_FILE));
        Set<String> tenantIds = TenantsFile.ids(tenantsDoc);
        Campaigns campaigns = CampaignsFile.read(campaignsDoc, tenantIds);
        Tenants tenants = TenantsFile.read(tenantsDoc, campaigns);
        Sources sources = source.read(SOURCES_FILE)
                .map(text -> SourcesFile.read(ConfigDocument.parse(SOURCES_FILE, text), tenantIds)).orElse(Sources.NONE);
        Routing routing = source.read(ROUTING_FILE)
                .map(text -> RoutingFile.read(ConfigDocument.parse(ROUTING_FILE, text), tenants, campaigns, sources))
                .orElse(Routing.none(tenants));
        return new EngineConfig(tenants, campaigns, sources, routing);
    }

    private static String require(ConfigSource source, String file) {
        return source.read(file).orElseThrow(() ->
                new ConfigException(file, 0, "not found in " + source.describe()));
    }
}
