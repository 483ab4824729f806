package com.emailengine.adapters.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.delivery.DeliveryEvent;
import com.emailengine.core.delivery.DeliveryOutcome;
import com.emailengine.platform.topology.MetricNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DeliveryMetricsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private static DeliveryEvent event(DeliveryOutcome outcome) {
        return new DeliveryEvent("m1:1:" + outcome.wireName(), "m1", "sos-expat", "c1", "welcome", 0, 1, outcome,
                "zoe@gmail.test", "127.0.1.1", "mx1.gmail.test", "250 ok", NOW);
    }

    @Test
    void writesOneEmbeddedMetricFormatLinePerOutcomeWithStageAndTenantDimensions() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DeliveryMetrics("prod", new PrintStream(out, true, StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC))
                .count(event(DeliveryOutcome.BOUNCED));

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(text);
        JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(line.path("_aws").path("Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(directive.path("Namespace").asText()).isEqualTo("EmailEngine");
        assertThat(directive.path("Dimensions").get(0)).extracting(JsonNode::asText).containsExactly("Stage", "Tenant");
        assertThat(directive.path("Metrics").get(0).path("Name").asText()).isEqualTo("Bounced");
        // EMF: every dimension and metric named in the directive is a member of the same line.
        assertThat(line.path("Stage").asText()).isEqualTo("prod");
        assertThat(line.path("Tenant").asText()).isEqualTo("sos-expat");
        assertThat(line.path("Bounced").asInt()).isEqualTo(1);
    }

    @Test
    void countsAComplaintUnderTheTenantWithTheReportItCameIn() throws Exception {
        java.util.List<String> lines = new java.util.ArrayList<>();
        new DeliveryMetrics("prod", lines::add, Clock.fixed(NOW, ZoneOffset.UTC), java.util.Optional.of("/email-engine/prod/fleet"))
                .countComplaint("ulixai", "raw/2026/11/25/r1.eml");

        assertThat(lines).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines.getFirst());
        assertThat(line.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").get(0).path("Name").asText())
                .isEqualTo(MetricNames.COMPLAINTS);
        assertThat(line.path("Tenant").asText()).isEqualTo("ulixai");
        assertThat(line.path("_aws").path("LogGroupName").asText()).isEqualTo("/email-engine/prod/fleet");
        assertThat(line.path("Complaints").asInt()).isEqualTo(1);
        assertThat(line.path("report").asText()).isEqualTo("raw/2026/11/25/r1.eml");
    }

    @Test
    void aComplaintEventIsNotCountedAgainBecauseTheBounceListenerCountsEveryReport() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        new DeliveryMetrics("prod", lines::add, Clock.fixed(NOW, ZoneOffset.UTC), java.util.Optional.empty())
                .count(event(DeliveryOutcome.COMPLAINED));

        assertThat(lines).isEmpty();
    }

    @Test
    void namesEachOutcomeInCloudWatchStyle() {
        assertThat(MetricNames.of(DeliveryOutcome.DELIVERED)).isEqualTo("Delivered");
        assertThat(MetricNames.of(DeliveryOutcome.EXPIRED)).isEqualTo("Expired");
    }
}
