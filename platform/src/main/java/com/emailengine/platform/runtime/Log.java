package com.emailengine.platform.runtime;

import java.time.Instant;

/**
 * One-line JSON logs on standard output, which Lambda ships to CloudWatch and Logs Insights can query.
 * Deliberately tiny: a logging framework costs cold-start time.
 */
public final class Log {

    /** {@code EE_LOG_LEVEL=warn} (or the system property {@code ee.log.level}) keeps only warnings. */
    private static final boolean INFO = !"warn".equalsIgnoreCase(
            System.getProperty("ee.log.level", System.getenv().getOrDefault("EE_LOG_LEVEL", "info")));

    private Log() {
    }

    public static void info(String component, String message) {
        if (INFO) {
            write("INFO", component, message);
        }
    }

    public static void warn(String component, String message) {
        write("WARN", component, message);
    }

    private static void write(String level, String component, String message) {
        System.out.println("{\"ts\":\"" + Instant.now() + "\",\"level\":\"" + level + "\",\"component\":\""
                + escape(component) + "\",\"msg\":\"" + escape(message) + "\"}");
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
