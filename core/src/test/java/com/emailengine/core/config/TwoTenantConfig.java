package com.emailengine.core.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Two tenants written inline, for use-case tests that bring their own campaigns, sources and routing: {@code acme}
 * (French by default) and {@code globex} (English by default), each with a campaign {@code welcome} as its welcome
 * campaign that the test's campaigns must define.
 */
public final class TwoTenantConfig {

    public static final String ACME = "acme";
    public static final String GLOBEX = "globex";

    private static final String TENANTS = """
            tenants:
              - id: acme
                name: Acme
                sending-domain: acme.test
                from: { address: hello@acme.test, name: Acme Team }
                return-path-domain: bounces.acme.test
                default-language: fr
                welcome-campaign: welcome
                dkim-selectors:
                  - { selector: s1, algorithm: rsa-sha256 }
                ip-pool:
                  - addresses: 127.0.1.1-127.0.1.3
                    ehlo: "mta{last}.acme.test"
                postal-address: "Acme, 1 rue du Test, 75001 Paris, France"
                test-recipients: ["ops@acme.test", "@qa.acme.test"]
              - id: globex
                name: Globex
                sending-domain: globex.test
                from: { address: news@globex.test, name: Globex }
                return-path-domain: bounces.globex.test
                default-language: en
                welcome-campaign: welcome
                dkim-selectors:
                  - { selector: s1, algorithm: rsa-sha256 }
                ip-pool:
                  - addresses: 127.0.2.1-127.0.2.3
                    ehlo: "mta{last}.globex.test"
                postal-address: "Globex, 2 Test Street, London, United Kingdom"
            """;

    private TwoTenantConfig() {
    }

    /** @param sources and {@code routing}: null to leave the file out */
    public static EngineConfig load(String campaigns, String sources, String routing) {
        Map<String, String> files = new HashMap<>(Map.of(EngineConfig.TENANTS_FILE, TENANTS, EngineConfig.CAMPAIGNS_FILE, campaigns));
        if (sources != null) {
            files.put(EngineConfig.SOURCES_FILE, sources);
        }
        if (routing != null) {
            files.put(EngineConfig.ROUTING_FILE, routing);
        }
        return EngineConfig.load(new ConfigFiles(files));
    }
}
