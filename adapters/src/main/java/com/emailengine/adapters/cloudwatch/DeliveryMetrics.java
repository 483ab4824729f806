package com.emailengine.adapters.cloudwatch;

import com.emailengine.core.delivery.DeliveryEvent;
import com.emailengine.core.delivery.DeliveryOutcome;
import com.emailengine.core.json.Json;
import com.emailengine.platform.topology.MetricNames;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Counts delivery outcomes per stage and tenant as CloudWatch metrics, written in the Embedded Metric Format:
 * one JSON log line per event, which CloudWatch Logs turns into metrics without an API call from the function
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 * The bounce-rate and complaint-rate alarms of infra-cdk are computed from these counts. A redelivered event is counted again; at
 * the alarm's volumes that error is negligible. Thread-safe.
 */
public final class DeliveryMetrics {


    private final String stage;
    private final Consumer<String> lines;
    private final Clock clock;
    private final Optional<String> logGroup;

    public DeliveryMetrics(String stage, PrintStream out, Clock clock) {
        this(stage, out::println, clock, Optional.empty());
    }

    /**
     * @param lines    where each metric line goes: a Lambda's standard output, or the CloudWatch agent on a node
     * @param logGroup the log group the CloudWatch agent writes the lines to (a Lambda's lines go to its own)
     */
    public DeliveryMetrics(String stage, Consumer<String> lines, Clock clock, Optional<String> logGroup) {
        this.stage = stage;
        this.lines = lines;
        this.clock = clock;
        this.logGroup = logGroup;
    }

    public void count(DeliveryEvent event) {
        if (event.outcome() == DeliveryOutcome.COMPLAINED) {
            // Counted where every report arrives, resolved to a message or not: the bounce listener (countComplaint).
            return;
        }
        emit(MetricNames.of(event.outcome()), event.tenantId(), "message_id", event.messageId());
    }

    /** One complaint about {@code tenantId}'s mail; {@code report} names the stored feedback report. */
    public void countComplaint(String tenantId, String report) {
        emit(MetricNames.COMPLAINTS, tenantId, "report", report);
    }

    private void emit(String metric, String tenantId, String referenceName, String reference) {
        Map<String, Object> line = new LinkedHashMap<>();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("Timestamp", clock.millis());
        logGroup.ifPresent(group -> metadata.put("LogGroupName", group));
        metadata.put("CloudWatchMetrics", List.of(Map.of(
                "Namespace", MetricNames.NAMESPACE,
                "Dimensions", List.of(List.of(MetricNames.STAGE_DIMENSION, MetricNames.TENANT_DIMENSION)),
                "Metrics", List.of(Map.of("Name", metric, "Unit", "Count")))));
        line.put("_aws", metadata);
        line.put(MetricNames.STAGE_DIMENSION, stage);
        line.put(MetricNames.TENANT_DIMENSION, tenantId);
        line.put(metric, 1);
        line.put(referenceName, reference);
        lines.accept(Json.write(line));
    }
}
