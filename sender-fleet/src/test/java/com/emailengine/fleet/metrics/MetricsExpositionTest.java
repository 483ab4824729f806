package com.emailengine.fleet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.fleet.metrics.PythonPrometheusParser.Family;
import com.emailengine.fleet.metrics.PythonPrometheusParser.Sample;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a scraper reads from a node now that the Prometheus client writes and serves it: the families exactly as the
 * node exposed them with its own writer (D26), read back by the Prometheus project's Python parser.
 */
class MetricsExpositionTest {

    /** The HELP and TYPE lines the node's own writer exposed; the dashboard, the alerts and stored series rely on them. */
    private static final String METADATA = """
            # HELP ee_fleet_blocked_total 5xx at connection, EHLO or MAIL FROM (IP refused) per source IP and provider
            # TYPE ee_fleet_blocked_total counter
            # HELP ee_fleet_blocklist_checks_total DNS blocklist lookups per zone by result (listed, not_listed, error_return, unknown)
            # TYPE ee_fleet_blocklist_checks_total counter
            # HELP ee_fleet_complaints_total ARF complaints by verdict (applied, or why they were kept for review: unknown_message, other_source_ip, ...)
            # TYPE ee_fleet_complaints_total counter
            # HELP ee_fleet_in_flight Messages this node holds now, per tenant queue
            # TYPE ee_fleet_in_flight gauge
            # HELP ee_fleet_inbound_bounces_total Messages the bounce listener stored, by kind (dsn, arf, other)
            # TYPE ee_fleet_inbound_bounces_total counter
            # HELP ee_fleet_ip_blocklisted 1 when the DNS blocklist lists the source IP's public address at the last check
            # TYPE ee_fleet_ip_blocklisted gauge
            # HELP ee_fleet_ip_leased 1 when this node holds the IP's lease
            # TYPE ee_fleet_ip_leased gauge
            # HELP ee_fleet_messages_total Delivery attempts by outcome, per source IP and provider
            # TYPE ee_fleet_messages_total counter
            # HELP ee_fleet_queue_depth Messages on an outbound queue, visible and in flight
            # TYPE ee_fleet_queue_depth gauge
            # HELP ee_fleet_smtp_connections Open SMTP connections per source IP and provider
            # TYPE ee_fleet_smtp_connections gauge
            # HELP ee_fleet_smtp_connections_opened_total SMTP connections opened per source IP and provider
            # TYPE ee_fleet_smtp_connections_opened_total counter
            # HELP ee_fleet_throttle_waits_total Messages put back because no IP of the tenant could send to the provider now (quota, backoff, pause)
            # TYPE ee_fleet_throttle_waits_total counter
            # HELP ee_fleet_throttled_total Throttling replies (421, 4.7.x) per source IP and provider
            # TYPE ee_fleet_throttled_total counter
            # HELP ee_fleet_warmup_day The IP's warmup day (0 when warm)
            # TYPE ee_fleet_warmup_day gauge
            # HELP ee_fleet_warmup_quota Today's warmup quota of the IP per provider share group (absent when warm)
            # TYPE ee_fleet_warmup_quota gauge
            """;

    /** Each family's label names in the order callers pass the values, as the node's own writer exposed them. */
    private static final Map<String, List<String>> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("ee_fleet_messages_total", List.of("ip", "provider", "outcome"));
        LABELS.put("ee_fleet_throttled_total", List.of("ip", "provider"));
        LABELS.put("ee_fleet_blocked_total", List.of("ip", "provider"));
        LABELS.put("ee_fleet_smtp_connections", List.of("ip", "provider"));
        LABELS.put("ee_fleet_smtp_connections_opened_total", List.of("ip", "provider"));
        LABELS.put("ee_fleet_queue_depth", List.of("queue"));
        LABELS.put("ee_fleet_in_flight", List.of("tenant"));
        LABELS.put("ee_fleet_ip_leased", List.of("ip", "tenant"));
        LABELS.put("ee_fleet_warmup_day", List.of("ip", "tenant", "status"));
        LABELS.put("ee_fleet_warmup_quota", List.of("ip", "group"));
        LABELS.put("ee_fleet_throttle_waits_total", List.of("tenant", "provider"));
        LABELS.put("ee_fleet_inbound_bounces_total", List.of("kind"));
        LABELS.put("ee_fleet_complaints_total", List.of("verdict"));
        LABELS.put("ee_fleet_ip_blocklisted", List.of("ip", "zone"));
        LABELS.put("ee_fleet_blocklist_checks_total", List.of("zone", "result"));
    }

    /** What Prometheus 2 and 3 send by default: OpenMetrics first, the 0.0.4 text format as a fallback. */
    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    private static final String AWKWARD = "a \"quoted\\ kind\nü";

    private static PythonPrometheusParser parser;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void parser() throws Exception {
        parser = new PythonPrometheusParser();
    }

    @Test
    void everyFamilyKeepsTheNameTypeAndHelpTheNodesOwnWriterExposed() {
        FleetMetrics metrics = withOneSeriesPerFamily();

        List<String> metadata = metrics.render().lines().filter(line -> line.startsWith("# ")).sorted().toList();

        assertThat(metadata).containsExactlyElementsOf(METADATA.lines().sorted().toList());
    }

    @Test
    void theDashboardQueriesExactlyTheFamiliesANodeExposesOnceEachHasASeries() throws Exception {
        Set<String> queried = new TreeSet<>();
        Matcher m = Pattern.compile("ee_fleet_[a-z_]+").matcher(Files.readString(Path.of("../docs/grafana/sender-fleet.json")));
        while (m.find()) {
            queried.add(m.group());
        }
        Set<String> exposed = new TreeSet<>();
        Matcher names = Pattern.compile("(?m)^# TYPE (ee_fleet_[a-z_]+) ").matcher(withOneSeriesPerFamily().render());
        while (names.find()) {
            exposed.add(names.group(1));
        }

        assertThat(exposed).isEqualTo(new TreeSet<>(LABELS.keySet()));
        assertThat(queried).isEqualTo(exposed);
    }

    @Test
    void aScrapeOverHttpReadsTheSameWithPrometheusOwnParserAsTextAndAsOpenMetrics() throws Exception {
        FleetMetrics metrics = withOneSeriesPerFamily();
        metrics.messages.inc("127.0.10.1", "gmail", "delivered");
        metrics.messages.inc("127.0.10.1", "gmail", "delivered");
        // An expired message that never had a source IP or provider: empty label values, as OutboundDelivery counts it.
        metrics.messages.inc("", "", "expired");
        metrics.queueDepth.set(12.5, "ee-outbound-alpha");
        metrics.bouncesReceived.inc(AWKWARD);

        try (MetricsEndpoint endpoint = MetricsEndpoint.start(new InetSocketAddress("127.0.0.1", 0), metrics)) {
            HttpResponse<String> text = scrape(endpoint, "/metrics", null);
            HttpResponse<String> openMetrics = scrape(endpoint, "/metrics", PROMETHEUS_ACCEPT);

            assertThat(text.statusCode()).isEqualTo(200);
            assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(openMetrics.statusCode()).isEqualTo(200);
            assertThat(openMetrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/openmetrics-text; version=1.0.0"));
            List<Family> fromText = parser.parse("text", text.body());
            List<Family> fromOpenMetrics = parser.parse("openmetrics", openMetrics.body());

            assertThat(fromOpenMetrics).containsExactlyInAnyOrderElementsOf(fromText);
            assertThat(fromText).hasSize(LABELS.size()).allSatisfy(family -> {
                assertThat(family.samples()).isNotEmpty();
                assertThat(family.help()).as(family.name()).isNotBlank();
                for (Sample sample : family.samples()) {
                    List<String> labelNames = LABELS.get(sample.name());
                    assertThat(labelNames).as("family of sample %s", sample.name()).isNotNull();
                    assertThat(sample.labels().keySet()).containsExactlyInAnyOrderElementsOf(labelNames);
                    String[] values = labelNames.stream().map(sample.labels()::get).toArray(String[]::new);
                    assertThat(sample.value()).as("%s%s", sample.name(), sample.labels())
                            .isEqualTo(metrics.family(sample.name()).value(values));
                }
            });
            assertThat(samples(fromText, "ee_fleet_messages_total")).contains(
                    new Sample("ee_fleet_messages_total", Map.of("ip", "127.0.10.1", "provider", "gmail", "outcome", "delivered"), 2),
                    new Sample("ee_fleet_messages_total", Map.of("ip", "", "provider", "", "outcome", "expired"), 1));
            assertThat(samples(fromText, "ee_fleet_queue_depth")).contains(
                    new Sample("ee_fleet_queue_depth", Map.of("queue", "ee-outbound-alpha"), 12.5));
            assertThat(samples(fromText, "ee_fleet_inbound_bounces_total")).contains(
                    new Sample("ee_fleet_inbound_bounces_total", Map.of("kind", AWKWARD), 1));
        }
    }

    @Test
    void twoNodesInOneJvmEachServeOnlyTheirOwnSeries() throws Exception {
        FleetMetrics first = new FleetMetrics();
        FleetMetrics second = new FleetMetrics();
        first.leased.set(1, "127.0.10.1", "alpha");
        second.leased.set(1, "127.0.10.2", "beta");

        try (MetricsEndpoint one = MetricsEndpoint.start(new InetSocketAddress("127.0.0.1", 0), first);
             MetricsEndpoint two = MetricsEndpoint.start(new InetSocketAddress("127.0.0.1", 0), second)) {
            List<Sample> fromOne = samples(parser.parse("text", scrape(one, "/metrics", null).body()), "ee_fleet_ip_leased");
            List<Sample> fromTwo = samples(parser.parse("text", scrape(two, "/metrics", null).body()), "ee_fleet_ip_leased");

            assertThat(fromOne).containsExactly(new Sample("ee_fleet_ip_leased", Map.of("ip", "127.0.10.1", "tenant", "alpha"), 1));
            assertThat(fromTwo).containsExactly(new Sample("ee_fleet_ip_leased", Map.of("ip", "127.0.10.2", "tenant", "beta"), 1));
        }
    }

    @Test
    void everyPathButMetricsIsNotFound() throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(new InetSocketAddress("127.0.0.1", 0), new FleetMetrics())) {
            for (String path : List.of("/", "/-/healthy", "/index.html")) {
                HttpResponse<String> response = scrape(endpoint, path, null);

                assertThat(response.statusCode()).as(path).isEqualTo(404);
                assertThat(response.body()).as(path).isEqualTo("see /metrics\n");
            }
        }
    }

    @Test
    void aCounterCanNeitherBeSetNorGoDownAndNoFamilyTakesTheWrongNumberOfLabels() {
        FleetMetrics metrics = new FleetMetrics();

        assertThatThrownBy(() -> metrics.messages.set(3, "127.0.10.1", "gmail", "delivered")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> metrics.messages.add(-1, "127.0.10.1", "gmail", "delivered")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.leased.set(1, "127.0.10.1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ee_fleet_ip_leased takes labels [ip, tenant], got [127.0.10.1]");
        assertThat(metrics.render()).doesNotContain("ee_fleet_messages_total{").doesNotContain("ee_fleet_ip_leased{");
    }

    @Test
    void readingASeriesThatNeverChangedGivesZeroAndDoesNotExposeIt() {
        FleetMetrics metrics = new FleetMetrics();

        assertThat(metrics.blocklistChecks.value("bl.test", "listed")).isZero();
        assertThat(metrics.render()).doesNotContain("ee_fleet_blocklist_checks_total");
    }

    private HttpResponse<String> scrape(MetricsEndpoint endpoint, String path, String accept) throws Exception {
        InetSocketAddress address = endpoint.address();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Sample> samples(List<Family> families, String sampleName) {
        return families.stream().flatMap(family -> family.samples().stream()).filter(s -> s.name().equals(sampleName)).toList();
    }

    /** A node whose every family has one series, the values distinct so that a sample read under the wrong name shows. */
    private static FleetMetrics withOneSeriesPerFamily() {
        FleetMetrics metrics = new FleetMetrics();
        int n = 1;
        for (Map.Entry<String, List<String>> family : LABELS.entrySet()) {
            String[] values = family.getValue().stream().map(label -> label + "-value").toArray(String[]::new);
            metrics.family(family.getKey()).add(n++, values);
        }
        return metrics;
    }
}
