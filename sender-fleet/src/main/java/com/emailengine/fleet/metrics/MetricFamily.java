package com.emailengine.fleet.metrics;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Arrays;
import java.util.List;

/**
 * One metric name with a fixed set of label names and one value per combination of label values: a
 * counter (only goes up) or a gauge (set to the current value), held by a Prometheus client metric in
 * the node's registry. Thread-safe.
 */
public final class MetricFamily {

    public enum Type { COUNTER, GAUGE }

    private final String name;
    private final Type type;
    private final List<String> labelNames;
    private final Counter counter;
    private final Gauge gauge;

    private MetricFamily(String name, Type type, List<String> labelNames, Counter counter, Gauge gauge) {
        this.name = name;
        this.type = type;
        this.labelNames = labelNames;
        this.counter = counter;
        this.gauge = gauge;
    }

    static MetricFamily register(PrometheusRegistry registry, PrometheusProperties properties, String name, String help,
                                 Type type, List<String> labelNames) {
        String[] labels = labelNames.toArray(String[]::new);
        // No exemplars: the node runs no tracer to take them from, so an update need not look for one.
        return switch (type) {
            case COUNTER -> new MetricFamily(name, type, List.copyOf(labelNames),
                    Counter.builder(properties).name(name).help(help).labelNames(labels).withoutExemplars().register(registry), null);
            case GAUGE -> new MetricFamily(name, type, List.copyOf(labelNames), null,
                    Gauge.builder(properties).name(name).help(help).labelNames(labels).withoutExemplars().register(registry));
        };
    }

    public String name() {
        return name;
    }

    /** Adds one to the series with these label values (in the family's label order). */
    public void inc(String... labels) {
        add(1, labels);
    }

    public void add(double amount, String... labels) {
        checkArity(labels);
        if (type == Type.COUNTER) {
            // Checked before the series is looked up: the client would refuse the amount only after creating it.
            if (amount < 0) {
                throw new IllegalArgumentException(name + " is a counter: it only goes up, got " + amount);
            }
            counter.labelValues(labels).inc(amount);
        } else {
            gauge.labelValues(labels).inc(amount);
        }
    }

    /** A gauge's current value. */
    public void set(double value, String... labels) {
        checkArity(labels);
        if (type == Type.COUNTER) {
            throw new IllegalStateException(name + " is a counter: it only goes up, it cannot be set");
        }
        gauge.labelValues(labels).set(value);
    }

    /** The value of one series, 0 if it never changed. */
    public double value(String... labels) {
        checkArity(labels);
        // Read from a snapshot: asking the metric for the series would create it and expose a 0 that never happened.
        MetricSnapshot snapshot = type == Type.COUNTER ? counter.collect() : gauge.collect();
        Labels wanted = Labels.of(labelNames.toArray(String[]::new), labels);
        for (DataPointSnapshot point : snapshot.getDataPoints()) {
            if (point.getLabels().equals(wanted)) {
                return point instanceof CounterDataPointSnapshot c ? c.getValue() : ((GaugeDataPointSnapshot) point).getValue();
            }
        }
        return 0;
    }

    private void checkArity(String[] labels) {
        if (labels.length != labelNames.size()) {
            throw new IllegalArgumentException(name + " takes labels " + labelNames + ", got " + Arrays.toString(labels));
        }
    }
}
