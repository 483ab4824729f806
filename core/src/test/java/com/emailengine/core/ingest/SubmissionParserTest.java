package com.emailengine.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.config.DirectoryConfigSource;
import com.emailengine.core.config.EngineConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SubmissionParserTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final SubmissionParser parser = new SubmissionParser(
            EngineConfig.load(new DirectoryConfigSource(Path.of("../config/local"))).tenants(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private SubmissionParser.Outcome parse(String body) {
        return parser.parse("application/json", body.getBytes(StandardCharsets.UTF_8), "req-1");
    }

    @Test
    void acceptsAContactAndKeepsItsFields() {
        var outcome = parse("""
                {"email":" Marie@Example.test ","first_name":"Marie","language":"fr-CA","source":"gmaps-scraper","tenant":"sos-expat"}""");

        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.submission()).isEqualTo(new ContactSubmission("sos-expat", "Marie@example.test", "Marie", "fr-CA",
                "gmaps-scraper", NOW, "req-1"));
    }

    @Test
    void listsFieldsItDoesNotKnowInsteadOfDroppingThemSilently() {
        var outcome = parse("""
                {"email":"a@example.test","source":"s","tenant":"ulixai","fist_name":"typo"}""");

        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.ignoredFields()).containsExactly("fist_name");
    }

    @Test
    void refusesMalformedJson() {
        assertRejected(parse("{\"email\": "), 400, "malformed_json", null);
        assertRejected(parse("[1,2]"), 400, "malformed_json", null);
        assertRejected(parse("{\"email\":\"a@example.test\"} trailing"), 400, "malformed_json", null);
        assertRejected(parse("{\"email\":\"a@example.test\",\"email\":\"b@example.test\"}"), 400, "malformed_json", null);
        assertRejected(parse(""), 400, "malformed_json", null);
    }

    @Test
    void refusesAMissingOrInvalidEmail() {
        assertRejected(parse("{\"source\":\"s\",\"tenant\":\"ulixai\"}"), 422, "missing_field", "email");
        assertRejected(parse("{\"email\":\"   \",\"source\":\"s\",\"tenant\":\"ulixai\"}"), 422, "missing_field", "email");
        var invalid = parse("{\"email\":\"john@localhost\",\"source\":\"s\",\"tenant\":\"ulixai\"}");
        assertRejected(invalid, 422, "invalid_email", "email");
        assertThat(invalid.rejection().detail()).isEqualTo("single_label_domain");
    }

    @Test
    void refusesAnUnknownOrMissingTenant() {
        assertRejected(parse("{\"email\":\"a@example.test\",\"source\":\"s\",\"tenant\":\"acme\"}"), 422, "unknown_tenant", "tenant");
        assertRejected(parse("{\"email\":\"a@example.test\",\"source\":\"s\"}"), 422, "missing_field", "tenant");
    }

    @Test
    void refusesFieldsOfTheWrongTypeOrShape() {
        assertRejected(parse("{\"email\":42,\"source\":\"s\",\"tenant\":\"ulixai\"}"), 422, "invalid_field", "email");
        assertRejected(parse("{\"email\":\"a@example.test\",\"source\":\"s\",\"tenant\":\"ulixai\",\"language\":\"french!\"}"),
                422, "invalid_field", "language");
        assertRejected(parse("{\"email\":\"a@example.test\",\"source\":\"s\",\"tenant\":\"ulixai\",\"first_name\":\"a\\u0007b\"}"),
                422, "invalid_field", "first_name");
        assertRejected(parse("{\"email\":\"a@example.test\",\"source\":\"bad source\",\"tenant\":\"ulixai\"}"),
                422, "invalid_field", "source");
    }

    @Test
    void refusesAnOversizedBody() {
        String big = "{\"email\":\"a@example.test\",\"source\":\"s\",\"tenant\":\"ulixai\",\"pad\":\"" + "x".repeat(SubmissionParser.MAX_BODY_BYTES) + "\"}";
        assertRejected(parse(big), 413, "body_too_large", null);
    }

    @Test
    void refusesABodyThatIsNotJson() {
        var outcome = parser.parse("text/plain", "email=a@example.test".getBytes(StandardCharsets.UTF_8), "r");
        assertRejected(outcome, 415, "unsupported_media_type", null);
    }

    private static void assertRejected(SubmissionParser.Outcome outcome, int status, String code, String field) {
        assertThat(outcome.accepted()).as("accepted").isFalse();
        assertThat(outcome.rejection().httpStatus()).isEqualTo(status);
        assertThat(outcome.rejection().code()).isEqualTo(code);
        assertThat(outcome.rejection().field()).isEqualTo(field);
        assertThat(outcome.rejection().message()).isNotBlank();
    }
}
