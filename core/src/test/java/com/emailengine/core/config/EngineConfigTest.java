package com.emailengine.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.core.tenant.Tenant;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineConfigTest {

    private static final String CAMPAIGNS = """
            campaigns:
              - id: welcome
                tenant: acme
                steps:
                  - template: welcome
                    delay: 0s
                  - template: follow-up-1
                    delay: 3d
            """;

    private static final String TENANTS = """
            tenants:
              - id: acme
                name: Acme
                sending-domain: acme.test
                from: { address: hello@acme.test, name: Acme }
                return-path-domain: bounces.acme.test
                default-language: fr
                welcome-campaign: welcome
                dkim-selectors:
                  - { selector: s1, algorithm: rsa-sha256 }
                ip-pool:
                  - addresses: 127.0.1.1-127.0.1.3
                    ehlo: "mta{last}.acme.test"
                postal-address: "Acme, 1 rue du Test, 75001 Paris, France"
            """;

    private static ConfigSource files(String tenants, String campaigns) {
        Map<String, String> files = Map.of(EngineConfig.TENANTS_FILE, tenants, EngineConfig.CAMPAIGNS_FILE, campaigns);
        return new ConfigFiles(files);
    }

    @Test
    void loadsTheShippedLocalConfiguration() {
        EngineConfig config = EngineConfig.load(new DirectoryConfigSource(Path.of("../config/local")));

        assertThat(config.tenants().ids()).containsExactly("sos-expat", "ulixai");
        Tenant sos = config.tenants().get("sos-expat");
        assertThat(sos.pool().addresses()).hasSize(50);
        assertThat(sos.pool().addresses().getFirst().ip()).isEqualTo("127.0.1.1");
        assertThat(sos.pool().addresses().getFirst().ehloName()).isEqualTo("mta1.sos-expat.test");
        assertThat(config.tenants().get("ulixai").pool().addresses().getLast().ip()).isEqualTo("127.0.1.100");
        assertThat(config.campaigns().campaign("ulixai", "welcome")).isPresent();
    }

    @Test
    void readsStepsWithTheirDelays() {
        EngineConfig config = EngineConfig.load(files(TENANTS, CAMPAIGNS));

        var steps = config.campaigns().campaign("acme", "welcome").orElseThrow().steps();
        assertThat(steps).extracting(s -> s.templateKey()).containsExactly("welcome", "follow-up-1");
        assertThat(steps.get(1).delay()).hasDays(3);
    }

    @Test
    void namesTheLineOfAnUnknownKey() {
        String typo = TENANTS.replace("welcome-campaign:", "welcome-campain:");

        assertThatThrownBy(() -> EngineConfig.load(files(typo, CAMPAIGNS)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tenants.yaml line 8")
                .hasMessageContaining("unknown key 'welcome-campain'");
    }

    @Test
    void namesTheLineOfAReversedAddressRange() {
        String reversed = TENANTS.replace("127.0.1.1-127.0.1.3", "127.0.1.9-127.0.1.3");

        assertThatThrownBy(() -> EngineConfig.load(files(reversed, CAMPAIGNS)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tenants.yaml line 12")
                .hasMessageContaining("reversed");
    }

    @Test
    void refusesAnAddressInTwoTenantsPools() {
        String second = TENANTS + TENANTS.substring(TENANTS.indexOf("  - id")).replace("id: acme", "id: beta")
                .replace("acme.test", "beta.test");
        String campaigns = CAMPAIGNS + CAMPAIGNS.substring(CAMPAIGNS.indexOf("  - id")).replace("tenant: acme", "tenant: beta");

        assertThatThrownBy(() -> EngineConfig.load(files(second, campaigns)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tenants.yaml line 25")
                .hasMessageContaining("127.0.1.1 is already in the pool of tenant 'acme'");
    }

    @Test
    void refusesAWelcomeCampaignTheTenantDoesNotHave() {
        String missing = TENANTS.replace("welcome-campaign: welcome", "welcome-campaign: hello");

        assertThatThrownBy(() -> EngineConfig.load(files(missing, CAMPAIGNS)))
                .hasMessageContaining("tenants.yaml line 8")
                .hasMessageContaining("campaign 'hello' is not defined for tenant 'acme'");
    }

    @Test
    void refusesAFromNameThatWouldBreakTheFromHeaderNamingTheLine() {
        String injected = TENANTS.replace("name: Acme }", "name: \"Acme\\r\\nBcc: victim@example.test\" }");

        assertThatThrownBy(() -> EngineConfig.load(files(injected, CAMPAIGNS)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tenants.yaml line 5")
                .hasMessageContaining("from name cannot contain a line break (CR");
    }

    @Test
    void refusesAFromAddressOutsideTheSendingDomain() {
        String unaligned = TENANTS.replace("hello@acme.test", "hello@other.test");

        assertThatThrownBy(() -> EngineConfig.load(files(unaligned, CAMPAIGNS)))
                .hasMessageContaining("line 5")
                .hasMessageContaining("must be in the sending domain acme.test");
    }

    @Test
    void refusesATenantWithoutAPostalAddressNamingTheLine() {
        String missing = TENANTS.replace("postal-address: \"Acme, 1 rue du Test, 75001 Paris, France\"", "");

        assertThatThrownBy(() -> EngineConfig.load(files(missing, CAMPAIGNS)))
                .hasMessageContaining(EngineConfig.TENANTS_FILE).hasMessageContaining("postal-address");
    }

    @Test
    void refusesAPostalAddressOnSeveralLines() {
        String twoLines = TENANTS.replace("\"Acme, 1 rue du Test, 75001 Paris, France\"", "\"Acme\\n1 rue du Test\"");

        assertThatThrownBy(() -> EngineConfig.load(files(twoLines, CAMPAIGNS)))
                .hasMessageContaining("line 14").hasMessageContaining("one line");
    }

    @Test
    void refusesACampaignOfAnUnknownTenant() {
        String orphan = CAMPAIGNS.replace("tenant: acme", "tenant: nobody");

        assertThatThrownBy(() -> EngineConfig.load(files(TENANTS, orphan)))
                .hasMessageContaining("campaigns.yaml line 3")
                .hasMessageContaining("unknown tenant 'nobody'");
    }

    @Test
    void reportsBrokenYamlWithItsLine() {
        String broken = TENANTS.replace("    name: Acme", "    name: [Acme");

        assertThatThrownBy(() -> EngineConfig.load(files(broken, CAMPAIGNS)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("tenants.yaml line")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void reportsAMissingFileAndWhereItWasLookedFor() {
        assertThatThrownBy(() -> EngineConfig.load(new DirectoryConfigSource(Path.of("no-such-dir"))))
                .hasMessageContaining("tenants.yaml: not found in")
                .hasMessageContaining("no-such-dir");
    }

    @Test
    void refusesABadDelay() {
        String bad = CAMPAIGNS.replace("delay: 3d", "delay: three days");

        assertThatThrownBy(() -> EngineConfig.load(files(TENANTS, bad)))
                .hasMessageContaining("campaigns.yaml line 8")
                .hasMessageContaining("must be a duration");
    }
}
