package com.emailengine.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final byte[] BODY = "{\"email\":\"a@example.test\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path keyDir;
    private DirectorySourceKeys keys;
    private RequestAuthenticator authenticator;

    @BeforeEach
    void setUp() {
        keys = new DirectorySourceKeys(keyDir);
        Sources sources = new Sources(List.of(
                new Source("scraper", "Scraper", List.of("a"), Set.of(Source.AuthMethod.API_KEY, Source.AuthMethod.HMAC)),
                new Source("signer", "Signer", List.of("a"), Set.of(Source.AuthMethod.HMAC))));
        authenticator = new RequestAuthenticator(sources, keys, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private RequestAuthenticator.Outcome with(Map<String, String> headers) {
        return authenticator.authenticate(name -> Optional.ofNullable(headers.get(name)), BODY);
    }

    @Test
    void aBearerKeyOfTheNamedSourceAuthenticatesIt() {
        String key = keys.ensureKey("scraper");

        assertThat(with(Map.of("x-ee-source", "scraper", "authorization", "Bearer " + key)).source().id()).isEqualTo("scraper");
        assertThat(with(Map.of("x-ee-source", "scraper", "authorization", "Bearer wrong")).rejection().code())
                .isEqualTo("invalid_credentials");
        assertThat(with(Map.of("x-ee-source", "nobody", "authorization", "Bearer " + key)).rejection().code())
                .isEqualTo("invalid_credentials");
        assertThat(with(Map.of("authorization", "Bearer " + key)).rejection().code()).isEqualTo("missing_credentials");
    }

    @Test
    void aSignatureOfTimestampAndBodyAuthenticatesWithinFiveMinutes() {
        String key = keys.ensureKey("signer");
        String fresh = Long.toString(NOW.minusSeconds(120).getEpochSecond());
        String stale = Long.toString(NOW.minusSeconds(600).getEpochSecond());
        Map<String, String> headers = new HashMap<>(Map.of("x-ee-source", "signer", "x-ee-timestamp", fresh,
                "x-ee-signature", "sha256=" + RequestAuthenticator.sign(key, fresh, BODY)));

        assertThat(with(headers).authenticated()).isTrue();
        headers.put("x-ee-signature", "sha256=" + RequestAuthenticator.sign(key, fresh, "{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(with(headers).rejection().code()).as("signature of another body").isEqualTo("invalid_credentials");
        headers.put("x-ee-timestamp", stale);
        headers.put("x-ee-signature", "sha256=" + RequestAuthenticator.sign(key, stale, BODY));
        assertThat(with(headers).rejection().code()).isEqualTo("stale_signature");
        assertThat(with(headers).rejection().httpStatus()).isEqualTo(401);
    }

    @Test
    void aSourceLimitedToSignaturesCannotUseItsKeyAsABearer() {
        String key = keys.ensureKey("signer");

        assertThat(with(Map.of("x-ee-source", "signer", "authorization", "Bearer " + key)).rejection().code())
                .isEqualTo("invalid_credentials");
    }

    @Test
    void duringARotationEveryKeyOfTheSourceIsHonoured() throws Exception {
        Files.writeString(keys.file("scraper"), "# rotation in progress\nold-key\nnew-key\n");

        assertThat(with(Map.of("x-ee-source", "scraper", "authorization", "Bearer old-key")).authenticated()).isTrue();
        assertThat(with(Map.of("x-ee-source", "scraper", "authorization", "Bearer new-key")).authenticated()).isTrue();
    }
}
