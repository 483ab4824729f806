package com.emailengine.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.core.routing.Route;
import com.emailengine.core.routing.RoutingInput;
import com.emailengine.core.source.Source;
import com.emailengine.core.validation.ReasonCode;
import com.emailengine.core.validation.Verdict;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** sources.yaml and routing.yaml: what they mean, and errors that name the file and the line. */
class RoutingConfigTest {

    private static final Path LOCAL = Path.of("../config/local");

    private static EngineConfig load(String sources, String routing) {
        DirectoryConfigSource local = new DirectoryConfigSource(LOCAL);
        Map<String, String> files = new HashMap<>();
        files.put(EngineConfig.TENANTS_FILE, local.read(EngineConfig.TENANTS_FILE).orElseThrow());
        files.put(EngineConfig.CAMPAIGNS_FILE, local.read(EngineConfig.CAMPAIGNS_FILE).orElseThrow());
        if (sources != null) {
            files.put(EngineConfig.SOURCES_FILE, sources);
        }
        if (routing != null) {
            files.put(EngineConfig.ROUTING_FILE, routing);
        }
        return EngineConfig.load(new ConfigFiles(files));
    }

    private static final String SOURCES = """
            sources:
              - id: scraper
                tenants: [sos-expat, ulixai]
              - id: backlinks
                tenants: [ulixai]
                auth: [hmac]
            """;

    @Test
    void theShippedLocalFilesLoad() {
        EngineConfig config = EngineConfig.load(new DirectoryConfigSource(LOCAL));

        assertThat(config.sources().ids()).containsExactly("maps-scraper", "backlinks", "manual");
        assertThat(config.sources().find("backlinks").orElseThrow().auth()).containsExactly(Source.AuthMethod.HMAC);
        assertThat(config.routing().router().rules()).extracting(r -> r.name())
                .containsExactly("expat-services", "french-speaking", "everyone-else");
        assertThat(config.routing().policyFor("ulixai").effectOf(ReasonCode.ROLE_ACCOUNT)).isEqualTo(Verdict.VALID);
        assertThat(config.routing().policyFor("sos-expat").effectOf(ReasonCode.ROLE_ACCOUNT)).isEqualTo(Verdict.RISKY);
    }

    @Test
    void withoutTheFilesNoSourceMayPostAndContactsStayWithTheirNamedTenant() {
        EngineConfig config = load(null, null);

        assertThat(config.sources().all()).isEmpty();
        Source any = new Source("x", "x", java.util.List.of("ulixai"), java.util.Set.of(Source.AuthMethod.API_KEY));
        assertThat(config.routing().router().route(any, new RoutingInput("x", "ulixai", null, null, null)))
                .contains(new Route("ulixai", "welcome", Route.NAMED_TENANT));
    }

    @Test
    void theFirstMatchingRuleWhoseTenantTheSourceMayFeedDecides() {
        EngineConfig config = load(SOURCES, """
                rules:
                  - name: lawyers-in-france
                    when: { country: [FR, BEL], category: legal }
                    route: { tenant: sos-expat }
                  - name: backlink-sites
                    when: { source: backlinks }
                    route: { tenant: ulixai }
                  - name: german
                    when: { language: de }
                    route: { tenant: sos-expat, campaign: welcome }
                """);
        Source scraper = config.sources().find("scraper").orElseThrow();
        Source backlinks = config.sources().find("backlinks").orElseThrow();
        var router = config.routing().router();

        assertThat(router.route(scraper, new RoutingInput("scraper", null, "BE", null, "legal"))).map(Route::rule).contains("lawyers-in-france");
        assertThat(router.route(backlinks, new RoutingInput("backlinks", null, "FR", null, "legal"))).map(Route::rule)
                .as("backlinks may not feed sos-expat").contains("backlink-sites");
        assertThat(router.route(scraper, new RoutingInput("scraper", null, null, "de", null))).map(Route::tenant).contains("sos-expat");
        assertThat(router.route(scraper, new RoutingInput("scraper", null, "US", "en", null))).isEmpty();
        assertThat(router.route(scraper, new RoutingInput("scraper", "ulixai", "FR", null, "legal")))
                .as("a named tenant is binding").contains(new Route("ulixai", "welcome", Route.NAMED_TENANT));
    }

    @Test
    void mistakesAreReportedWithFileAndLine() {
        assertThatThrownBy(() -> load(SOURCES, """
                rules:
                  - name: one
                    route: { tenant: acme }
                """)).isInstanceOf(ConfigException.class).hasMessage(
                "routing.yaml line 3: unknown tenant 'acme' (tenants: sos-expat, ulixai)");
        assertThatThrownBy(() -> load(SOURCES, """
                rules:
                  - name: one
                    when:
                      country: [FR, Narnia]
                    route: { tenant: ulixai }
                """)).hasMessage("routing.yaml line 4: 'Narnia' is not an ISO 3166 country code such as FR or DEU");
        assertThatThrownBy(() -> load(SOURCES, """
                rules:
                  - name: one
                    when: { source: [backlinks] }
                    route: { tenant: sos-expat }
                """)).hasMessageStartingWith("routing.yaml line 4: none of the sources [backlinks] may feed tenant 'sos-expat'");
        assertThatThrownBy(() -> load(SOURCES, """
                policy:
                  nxdomain: accept
                """)).hasMessageStartingWith("routing.yaml line 2: 'nxdomain' is not a reason code a policy may set");
        assertThatThrownBy(() -> load(SOURCES, """
                policy:
                  role_account: maybe
                """)).hasMessage("routing.yaml line 2: 'maybe' is not accept, hold or reject");
        assertThatThrownBy(() -> load(SOURCES, """
                rules:
                  - name: one
                    when: { langauge: fr }
                    route: { tenant: ulixai }
                """)).hasMessageStartingWith("routing.yaml line 3: unknown key 'langauge'");
        assertThatThrownBy(() -> load("""
                sources:
                  - id: scraper
                    tenants: [sos-expat, acme]
                """, null)).hasMessage("sources.yaml line 3: unknown tenant 'acme' (tenants: sos-expat, ulixai)");
        assertThatThrownBy(() -> load("""
                sources:
                  - id: scraper
                    tenants: [ulixai]
                    auth: [password]
                """, null)).hasMessage("sources.yaml line 4: auth method must be api-key or hmac, got 'password'");
    }
}
