package com.emailengine.functions.feedback;

import com.emailengine.core.delivery.DeliveryEvent;
import com.emailengine.core.delivery.DeliveryOutcome;
import com.emailengine.core.json.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts delivery outcomes per stage and tenant as CloudWatch metrics, written in the Embedded Metric Format:
 * one JSON log line per event, which CloudWatch Logs turns into metrics without an API call from the function
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 * The bounce-rate alarms of infra-cdk are computed from these counts. A redelivered event is counted again; at
 * the alarm's volumes that error is negligible. Thread-safe.
 */
public final class DeliveryMetrics {

    /** The CloudWatch namespace of every Email-Engine metric. */
    public static final String NAMESPACE = "EmailEngine";
    public static final String STAGE_DIMENSION = "Stage";
    public static final String TENANT_DIMENSION = "Tenant";
    /** Setting that turns the metric lines off ({@code off}); on ({@code emf}) by default. */
    public static final String SETTING = "EE_METRICS";

    private final String stage;
    private final PrintStream out;
    private final Clock clock;

    public DeliveryMetrics(String stage, PrintStream out, Clock clock) {
        this.stage = stage;
        this.out = out;
        this.clock = clock;
    }

    /** The metric an outcome counts in: {@code Delivered}, {@code Deferred}, {@code Bounced}, {@code Expired}. */
    public static String metricName(DeliveryOutcome outcome) {
        String name = outcome.wireName();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    public void count(DeliveryEvent event) {
        String metric = metricName(event.outcome());
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of(
                "Timestamp", clock.millis(),
                "CloudWatchMetrics", List.of(Map.of(
                        "Namespace", NAMESPACE,
                        "Dimensions", List.of(List.of(STAGE_DIMENSION, TENANT_DIMENSION)),
                        "Metrics", List.of(Map.of("Name", metric, "Unit", "Count"))))));
        line.put(STAGE_DIMENSION, stage);
        line.put(TENANT_DIMENSION, event.tenantId());
        line.put(metric, 1);
        line.put("message_id", event.messageId());
        out.println(Json.write(line));
    }
}
