package com.emailengine.core.ingest;

import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.config.TwoTenantConfig;

/**
 * The configuration the ingest and intake tests share: three sources with different rights, and routing that sends
 * legal businesses to acme's {@code legal} campaign, German contacts to globex and everyone else to acme. Role
 * accounts are held, except at globex, which accepts them.
 */
final class IngestConfig {

    static final String SCRAPER = "scraper";
    static final String SIGNER = "signer";
    static final String GLOBEX_FEED = "globex-feed";

    private static final String CAMPAIGNS = """
            campaigns:
              - id: welcome
                tenant: acme
                steps:
                  - { template: welcome, delay: 0s }
              - id: legal
                tenant: acme
                steps:
                  - { template: legal, delay: 0s }
              - id: welcome
                tenant: globex
                steps:
                  - { template: welcome, delay: 0s }
            """;

    private static final String SOURCES = """
            sources:
              - id: scraper
                tenants: [acme, globex]
                auth: [api-key, hmac]
              - id: signer
                tenants: [acme]
                auth: [hmac]
              - id: globex-feed
                tenants: [globex]
                auth: [api-key]
            """;

    private static final String ROUTING = """
            rules:
              - name: legal
                when: { category: legal }
                route: { tenant: acme, campaign: legal }
              - name: germany
                when: { country: DE }
                route: { tenant: globex }
              - name: everyone-else
                route: { tenant: acme }
            categories:
              - id: legal
                keywords: [avocat, lawyer]
              - id: insurance
                keywords: [insurance]
            policy:
              role_account: hold
            tenant-policies:
              globex:
                role_account: accept
            """;

    private IngestConfig() {
    }

    static EngineConfig load() {
        return TwoTenantConfig.load(CAMPAIGNS, SOURCES, ROUTING);
    }
}
