package com.emailengine.core.throttle;

/** Whether the fleet insists on STARTTLS towards a provider or domain. */
public enum TlsPolicy {
    /** STARTTLS when the server offers it, plain text otherwise (what receiving MTAs expect of senders). */
    OPPORTUNISTIC,
    /** No STARTTLS, no delivery: the message is deferred (and expires) rather than sent in clear. */
    REQUIRED;

    public static TlsPolicy fromWord(String word) {
        return switch (word) {
            case "opportunistic" -> OPPORTUNISTIC;
            case "required" -> REQUIRED;
            default -> throw new IllegalArgumentException("tls must be opportunistic or required, got '" + word + "'");
        };
    }
}
