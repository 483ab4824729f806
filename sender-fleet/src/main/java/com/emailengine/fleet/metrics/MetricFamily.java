package com.emailengine.fleet.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * One metric name with a fixed set of label names and one value per combination of label values: a
 * counter (only goes up) or a gauge (set to the current value). Thread-safe; updates are lock-free.
 */
public final class MetricFamily {

    public enum Type { COUNTER, GAUGE }

    private final String name;
    private final String help;
    private final Type type;
    private final List<String> labelNames;
    private final Map<List<String>, DoubleAdder> values = new ConcurrentHashMap<>();

    MetricFamily(String name, String help, Type type, List<String> labelNames) {
        this.name = name;
        this.help = help;
        this.type = type;
        this.labelNames = List.copyOf(labelNames);
    }

    public String name() {
        return name;
    }

    /** Adds one to the series with these label values (in the family's label order). */
    public void inc(String... labels) {
        add(1, labels);
    }

    public void add(double amount, String... labels) {
        series(labels).add(amount);
    }

    /** A gauge's current value. */
    public void set(double value, String... labels) {
        DoubleAdder adder = series(labels);
        synchronized (adder) {
            adder.reset();
            adder.add(value);
        }
    }

    /** The value of one series, 0 if it never changed. */
    public double value(String... labels) {
        DoubleAdder adder = values.get(List.of(labels));
        return adder == null ? 0 : adder.sum();
    }

    private DoubleAdder series(String[] labels) {
        if (labels.length != labelNames.size()) {
            throw new IllegalArgumentException(name + " takes labels " + labelNames + ", got " + Arrays.toString(labels));
        }
        return values.computeIfAbsent(List.of(labels), k -> new DoubleAdder());
    }

    /** The family in the Prometheus text exposition format (version 0.0.4), series sorted by labels. */
    void render(StringBuilder out) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type == Type.COUNTER ? "counter" : "gauge").append('\n');
        Map<String, Double> sorted = new ConcurrentSkipListMap<>();
        values.forEach((labels, adder) -> sorted.put(labelText(labels), adder.sum()));
        sorted.forEach((labels, value) -> out.append(name).append(labels).append(' ').append(number(value)).append('\n'));
    }

    private String labelText(List<String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < labels.size(); i++) {
            text.append(i == 0 ? "" : ",").append(labelNames.get(i)).append("=\"")
                    .append(labels.get(i).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
        }
        return text.append('}').toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
