package com.emailengine.core.dkim;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the signer signs besides the body.
 *
 * <p><b>Header selection.</b> For each name in {@link #signedHeaders()}, in that order, the
 * {@code h=} tag lists the name once per instance present in the message (names absent from
 * the message are left out), plus once more for every name in {@link #oversignedHeaders()}.
 * Repeated names are consecutive; verifiers map the first occurrence to the bottom-most
 * instance and work upwards (RFC 6376 §5.4.2), so every instance present is signed. The extra
 * occurrence of an over-signed name matches no instance and hashes as nothing, which makes the
 * signature fail if anyone later adds an instance of that field. From is always over-signed.
 *
 * <p>{@link #lifetime()}, when present, adds {@code x=} = {@code t=} + lifetime.
 */
public record DkimSigningPolicy(List<String> signedHeaders, Set<String> oversignedHeaders, Optional<Duration> lifetime) {

    /**
     * The fields a bulk sender signs: originator and recipients, subject and date, the MIME
     * structure (so content cannot be reinterpreted), the list fields that Gmail and Yahoo
     * require to be signed for one-click unsubscribe (RFC 8058 §4), Feedback-ID, and threading.
     */
    public static final List<String> DEFAULT_SIGNED_HEADERS = List.of(
            "from", "to", "cc", "subject", "date", "message-id", "reply-to",
            "mime-version", "content-type", "content-transfer-encoding",
            "list-unsubscribe", "list-unsubscribe-post", "list-id", "feedback-id",
            "in-reply-to", "references");

    /** Default set, From over-signed, no expiry. */
    public static final DkimSigningPolicy DEFAULT = new DkimSigningPolicy(DEFAULT_SIGNED_HEADERS, Set.of("from"), Optional.empty());

    public DkimSigningPolicy {
        Objects.requireNonNull(signedHeaders, "signedHeaders");
        Objects.requireNonNull(oversignedHeaders, "oversignedHeaders");
        Objects.requireNonNull(lifetime, "lifetime");
        LinkedHashSet<String> signed = new LinkedHashSet<>();
        for (String name : signedHeaders) {
            signed.add(fieldName(name));
        }
        if (!signed.contains("from")) {
            throw new IllegalArgumentException("the From field must be signed (RFC 6376 §5.4)");
        }
        if (signed.contains("dkim-signature")) {
            throw new IllegalArgumentException("DKIM-Signature fields must not be signed by another signature here");
        }
        LinkedHashSet<String> over = new LinkedHashSet<>();
        over.add("from");
        for (String name : oversignedHeaders) {
            String n = fieldName(name);
            if (!signed.contains(n)) {
                throw new IllegalArgumentException("over-signed field '" + n + "' is not among the signed fields");
            }
            over.add(n);
        }
        lifetime.ifPresent(d -> {
            if (d.toSeconds() < 1) {
                throw new IllegalArgumentException("signature lifetime must be at least one second: " + d);
            }
        });
        signedHeaders = List.copyOf(signed);
        oversignedHeaders = Set.copyOf(over);
    }

    /** This policy with {@code x=} set {@code lifetime} after {@code t=}. */
    public DkimSigningPolicy expiringAfter(Duration lifetime) {
        return new DkimSigningPolicy(signedHeaders, oversignedHeaders, Optional.of(lifetime));
    }

    private static String fieldName(String name) {
        Objects.requireNonNull(name, "header name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty header field name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126 || c == ':') {
                throw new IllegalArgumentException("invalid header field name '" + name + "'");
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
