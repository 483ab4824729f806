package com.emailengine.platform.topology;

import com.emailengine.core.delivery.DeliveryOutcome;

/**
 * The CloudWatch metrics the runtime writes (Embedded Metric Format lines) and the CDK app alarms on: one
 * definition, so an alarm cannot watch a metric nobody writes.
 */
public final class MetricNames {

    /** The CloudWatch namespace of every Email-Engine metric. */
    public static final String NAMESPACE = "EmailEngine";
    public static final String STAGE_DIMENSION = "Stage";
    public static final String TENANT_DIMENSION = "Tenant";
    /** Complaints (ARF feedback reports) received about a tenant's mail, counted by the fleet's bounce listener. */
    public static final String COMPLAINTS = "Complaints";
    /** Setting that turns the metric lines off ({@code off}); on ({@code emf}) by default. */
    public static final String SETTING = "EE_METRICS";

    /** The metric an outcome counts in: {@code Delivered}, {@code Deferred}, {@code Bounced}, {@code Expired}. */
    public static String of(DeliveryOutcome outcome) {
        String name = outcome.wireName();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private MetricNames() {
    }
}
