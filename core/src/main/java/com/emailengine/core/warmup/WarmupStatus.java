package com.emailengine.core.warmup;

/** Where an IP stands in its warmup. */
public enum WarmupStatus {
    /** Sending at most the plan's volume for its current day. */
    WARMING,
    /** Not sending at all: blocklisted or a complaint spike; resumes after the configured rest. */
    PAUSED,
    /** Past the plan's last day (or declared warm): only the provider throttles limit it. */
    WARM;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static WarmupStatus fromWire(String word) {
        return valueOf(word.toUpperCase(java.util.Locale.ROOT));
    }
}
