package com.emailengine.fleet.metrics;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metrics a sender node exposes to Prometheus: per source IP and provider what was sent, deferred,
 * bounced, throttled and blocked, open SMTP connections, each IP's lease and warmup day and quota, and
 * the depth of every outbound queue. One instance per node; thread-safe.
 */
public final class FleetMetrics {

    /**
     * The client's defaults, not {@link PrometheusProperties#get()}: that one also reads a prometheus.properties file,
     * system properties and the environment, which could move the endpoint off the node's own setting (its port
     * overrides the one given) or filter and reshape the metrics behind the node's back.
     */
    static final PrometheusProperties PROPERTIES = PrometheusProperties.builder().build();

    /** The node's own registry, not the client's default one: nodes sharing a JVM (the tests run several) keep apart. */
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Map<String, MetricFamily> families = new ConcurrentHashMap<>();

    /** Messages by outcome (delivered, deferred, bounced, expired) per source IP and provider. */
    public final MetricFamily messages = register("ee_fleet_messages_total",
            "Delivery attempts by outcome, per source IP and provider", MetricFamily.Type.COUNTER, "ip", "provider", "outcome");
    /** Deferrals that asked the sender to slow down (421, 4.7.x). */
    public final MetricFamily throttled = register("ee_fleet_throttled_total",
            "Throttling replies (421, 4.7.x) per source IP and provider", MetricFamily.Type.COUNTER, "ip", "provider");
    /** Connections refused with 5xx at greeting, EHLO or MAIL FROM: the IP itself is refused. */
    public final MetricFamily blocked = register("ee_fleet_blocked_total",
            "5xx at connection, EHLO or MAIL FROM (IP refused) per source IP and provider", MetricFamily.Type.COUNTER, "ip", "provider");
    public final MetricFamily connections = register("ee_fleet_smtp_connections",
            "Open SMTP connections per source IP and provider", MetricFamily.Type.GAUGE, "ip", "provider");
    public final MetricFamily connectionsOpened = register("ee_fleet_smtp_connections_opened_total",
            "SMTP connections opened per source IP and provider", MetricFamily.Type.COUNTER, "ip", "provider");
    public final MetricFamily queueDepth = register("ee_fleet_queue_depth",
            "Messages on an outbound queue, visible and in flight", MetricFamily.Type.GAUGE, "queue");
    public final MetricFamily inFlight = register("ee_fleet_in_flight",
            "Messages this node holds now, per tenant queue", MetricFamily.Type.GAUGE, "tenant");
    public final MetricFamily leased = register("ee_fleet_ip_leased",
            "1 when this node holds the IP's lease", MetricFamily.Type.GAUGE, "ip", "tenant");
    public final MetricFamily warmupDay = register("ee_fleet_warmup_day",
            "The IP's warmup day (0 when warm)", MetricFamily.Type.GAUGE, "ip", "tenant", "status");
    public final MetricFamily warmupQuota = register("ee_fleet_warmup_quota",
            "Today's warmup quota of the IP per provider share group (absent when warm)", MetricFamily.Type.GAUGE, "ip", "group");
    public final MetricFamily waits = register("ee_fleet_throttle_waits_total",
            "Messages put back because no IP of the tenant could send to the provider now (quota, backoff, pause)",
            MetricFamily.Type.COUNTER, "tenant", "provider");
    public final MetricFamily bouncesReceived = register("ee_fleet_inbound_bounces_total",
            "Messages the bounce listener stored, by kind (dsn, arf, other)", MetricFamily.Type.COUNTER, "kind");

    /** ARF complaints by verdict: applied (verified against the ledger, D40), or the reason it was kept for review. */
    public final MetricFamily complaints = register("ee_fleet_complaints_total",
            "ARF complaints by verdict (applied, or why they were kept for review: unknown_message, other_source_ip, ...)",
            MetricFamily.Type.COUNTER, "verdict");

    /** 1 while the DNS blocklist lists the IP (its public address), 0 once it does not. */
    public final MetricFamily blocklisted = register("ee_fleet_ip_blocklisted",
            "1 when the DNS blocklist lists the source IP's public address at the last check", MetricFamily.Type.GAUGE, "ip", "zone");
    /** Blocklist lookups by result: listed, not_listed, error_return (the list refused us), unknown (no answer). */
    public final MetricFamily blocklistChecks = register("ee_fleet_blocklist_checks_total",
            "DNS blocklist lookups per zone by result (listed, not_listed, error_return, unknown)", MetricFamily.Type.COUNTER,
            "zone", "result");

    private MetricFamily register(String name, String help, MetricFamily.Type type, String... labels) {
        MetricFamily family = MetricFamily.register(registry, PROPERTIES, name, help, type, List.of(labels));
        families.put(name, family);
        return family;
    }

    public MetricFamily family(String name) {
        return families.get(name);
    }

    PrometheusRegistry registry() {
        return registry;
    }

    /** Every family that has a series, in the Prometheus text format (0.0.4) as {@code /metrics} serves it by default. */
    public String render() {
        return PrometheusTextFormatWriter.create().toDebugString(registry.scrape());
    }
}
