package com.emailengine.core.source;

import com.emailengine.core.api.Rejection;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decides which source sent a request. Every request names its source ({@value #SOURCE_HEADER}) and proves it by one
 * of the methods the source allows:
 * <ul>
 *   <li>{@code api-key}: {@code Authorization: Bearer <key>};</li>
 *   <li>{@code hmac}: {@value #TIMESTAMP_HEADER} (Unix seconds) and {@value #SIGNATURE_HEADER}
 *       {@code sha256=<hex of HMAC-SHA256(key, timestamp + "." + body)>}; the timestamp must be within
 *       {@link #MAX_SKEW} of now, so a captured request cannot be replayed later (and ingest is idempotent anyway).</li>
 * </ul>
 * Unknown source, wrong key and wrong signature all get the same answer, so a caller learns nothing about which
 * sources exist. Comparisons take constant time. Thread-safe.
 */
public final class RequestAuthenticator {

    public static final String SOURCE_HEADER = "x-ee-source";
    public static final String TIMESTAMP_HEADER = "x-ee-timestamp";
    public static final String SIGNATURE_HEADER = "x-ee-signature";
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private final Sources sources;
    private final SourceKeys keys;
    private final Clock clock;

    public RequestAuthenticator(Sources sources, SourceKeys keys, Clock clock) {
        this.sources = sources;
        this.keys = keys;
        this.clock = clock;
    }

    /** Request headers, looked up without regard to case. */
    @FunctionalInterface
    public interface Headers {
        Optional<String> get(String lowerCaseName);
    }

    /** Either the authenticated source or why not. */
    public record Outcome(Source source, Rejection rejection) {
        public boolean authenticated() {
            return source != null;
        }
    }

    public Outcome authenticate(Headers headers, byte[] body) {
        Optional<String> sourceId = headers.get(SOURCE_HEADER).map(String::strip);
        Optional<String> bearer = headers.get("authorization").map(String::strip)
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7)).map(v -> v.substring(7).strip());
        Optional<String> signature = headers.get(SIGNATURE_HEADER).map(String::strip);
        if (sourceId.isEmpty() || bearer.isEmpty() && signature.isEmpty()) {
            return refused(new Rejection(401, "missing_credentials", null, null, "send " + SOURCE_HEADER
                    + " and either 'Authorization: Bearer <key>' or " + TIMESTAMP_HEADER + " and " + SIGNATURE_HEADER));
        }
        Optional<Source> source = sources.find(sourceId.get());
        List<String> sourceKeys = source.isPresent() ? keys.keysOf(source.get().id()) : List.of();
        if (signature.isPresent()) {
            if (source.isPresent() && !source.get().auth().contains(Source.AuthMethod.HMAC)) {
                return invalid();
            }
            Optional<String> timestamp = headers.get(TIMESTAMP_HEADER).map(String::strip);
            if (timestamp.isEmpty() || !timestamp.get().matches("\\d{1,12}")) {
                return refused(new Rejection(401, "missing_credentials", null, TIMESTAMP_HEADER,
                        "a signed request needs " + TIMESTAMP_HEADER + " in Unix seconds"));
            }
            Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.get()));
            if (Duration.between(signedAt, clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
                return refused(new Rejection(401, "stale_signature", null, TIMESTAMP_HEADER,
                        "the timestamp is more than " + MAX_SKEW.toMinutes() + " minutes from now; sign the request again"));
            }
            String presented = signature.get().toLowerCase(Locale.ROOT);
            presented = presented.startsWith("sha256=") ? presented.substring(7) : presented;
            for (String key : sourceKeys) {
                if (constantTimeEquals(sign(key, timestamp.get(), body), presented)) {
                    return new Outcome(source.get(), null);
                }
            }
            return invalid();
        }
        if (source.isPresent() && !source.get().auth().contains(Source.AuthMethod.API_KEY)) {
            return invalid();
        }
        for (String key : sourceKeys) {
            if (constantTimeEquals(key, bearer.get())) {
                return new Outcome(source.get(), null);
            }
        }
        return invalid();
    }

    /** The signature a source sends: lower-case hex of HMAC-SHA256(key, timestamp + "." + body). */
    public static String sign(String key, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] da = sha.digest(a.getBytes(StandardCharsets.UTF_8));
            byte[] db = sha.digest(b.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(da, db);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Outcome invalid() {
        return refused(new Rejection(401, "invalid_credentials", null, null,
                "the source, its key or its signature is not valid"));
    }

    private static Outcome refused(Rejection rejection) {
        return new Outcome(null, rejection);
    }
}
