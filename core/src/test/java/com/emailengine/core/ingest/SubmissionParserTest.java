package com.emailengine.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.api.Rejection;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SubmissionParserTest {

    private final SubmissionParser parser = new SubmissionParser();

    private SubmissionParser.Parsed parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsOneContactWithTheScrapersAndTheBacklinkToolsFields() {
        var parsed = parse("""
                {"email":" Marie@Example.test ","first_name":"Marie","last_name":"Curie","language":"fr-CA","source":"gmaps",
                 "tenant":"sos-expat","company":"Cabinet Curie","city":"Lyon","country":"fra","phone":"+33 4 78 00 00 00",
                 "source_url":"https://maps.example/place/1","site_url":"https://curie.example.fr/","domain_authority":37,
                 "page_rank":4.5,"category":"Legal"}""");

        assertThat(parsed.accepted()).isTrue();
        assertThat(parsed.batch()).isFalse();
        SubmissionParser.Fields fields = parsed.entries().getFirst().fields();
        assertThat(fields.email()).isEqualTo("Marie@Example.test");
        assertThat(fields.tenant()).isEqualTo("sos-expat");
        assertThat(fields.language()).isEqualTo("fr-CA");
        assertThat(fields.profile().country()).isEqualTo("FR");
        assertThat(fields.profile().domainAuthority()).isEqualTo(37);
        assertThat(fields.profile().pageRank()).isEqualTo(4.5);
        assertThat(fields.profile().siteUrl()).isEqualTo("https://curie.example.fr/");
        assertThat(fields.profile().fields()).containsKeys("first_name", "last_name", "company", "city", "phone", "category");
    }

    @Test
    void listsFieldsItDoesNotKnowInsteadOfDroppingThemSilently() {
        var parsed = parse("""
                {"email":"a@example.test","tenant":"ulixai","fist_name":"typo"}""");

        assertThat(parsed.entries().getFirst().fields().ignoredFields()).containsExactly("fist_name");
    }

    @Test
    void readsABatchWithDefaultsAndRejectsOnlyItsBadContacts() {
        var parsed = parse("""
                {"tenant":"ulixai","source":"maps","contacts":[
                  {"email":"a@example.test"},
                  {"email":"b@example.test","tenant":"sos-expat","source":"linkedin"},
                  {"first_name":"no address"},
                  "not an object",
                  {"email":"c@example.test","domain_authority":140}
                ]}""");

        assertThat(parsed.accepted()).isTrue();
        assertThat(parsed.batch()).isTrue();
        assertThat(parsed.entries()).hasSize(5);
        assertThat(parsed.entries().get(0).fields().tenant()).isEqualTo("ulixai");
        assertThat(parsed.entries().get(0).fields().sourceLabel()).isEqualTo("maps");
        assertThat(parsed.entries().get(1).fields().tenant()).isEqualTo("sos-expat");
        assertThat(parsed.entries().get(1).fields().sourceLabel()).isEqualTo("linkedin");
        assertThat(parsed.entries().get(2).rejection().code()).isEqualTo("missing_field");
        assertThat(parsed.entries().get(3).rejection().code()).isEqualTo("invalid_field");
        assertThat(parsed.entries().get(4).rejection().field()).isEqualTo("domain_authority");
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
    void refusesABatchThatIsNoListEmptyOrTooLong() {
        assertRejected(parse("{\"contacts\":{}}"), 422, "invalid_field", "contacts");
        assertRejected(parse("{\"contacts\":[]}"), 422, "invalid_field", "contacts");
        String tooMany = "{\"contacts\":[" + "{\"email\":\"a@example.test\"},".repeat(SubmissionParser.MAX_BATCH_CONTACTS)
                + "{\"email\":\"z@example.test\"}]}";
        assertRejected(parse(tooMany), 413, "too_many_contacts", "contacts");
    }

    @Test
    void refusesFieldsOfTheWrongTypeOrShape() {
        assertContactRejected("{\"email\":42}", "invalid_field", "email");
        assertContactRejected("{\"source\":\"s\",\"tenant\":\"ulixai\"}", "missing_field", "email");
        assertContactRejected("{\"email\":\"   \"}", "missing_field", "email");
        assertContactRejected("{\"email\":\"a@example.test\",\"language\":\"french!\"}", "invalid_field", "language");
        assertContactRejected("{\"email\":\"a@example.test\",\"first_name\":\"a\\u0007b\"}", "invalid_field", "first_name");
        assertContactRejected("{\"email\":\"a@example.test\",\"source\":\"bad source\"}", "invalid_field", "source");
        assertContactRejected("{\"email\":\"a@example.test\",\"country\":\"Atlantis\"}", "invalid_field", "country");
        assertContactRejected("{\"email\":\"a@example.test\",\"site_url\":\"ftp://x.example\"}", "invalid_field", "site_url");
        assertContactRejected("{\"email\":\"a@example.test\",\"phone\":\"call me\"}", "invalid_field", "phone");
        assertContactRejected("{\"email\":\"a@example.test\",\"page_rank\":\"4\"}", "invalid_field", "page_rank");
        assertContactRejected("{\"email\":\"a@example.test\",\"tenant\":\"Not A Tenant\"}", "unknown_tenant", "tenant");
    }

    @Test
    void refusesAnOversizedSingleContact() {
        String big = "{\"email\":\"a@example.test\",\"pad\":\"" + "x".repeat(SubmissionParser.MAX_BODY_BYTES) + "\"}";
        assertRejected(parse(big), 413, "body_too_large", null);
    }

    private void assertContactRejected(String contact, String code, String field) {
        var parsed = parse(contact);
        assertThat(parsed.accepted()).isTrue();
        Rejection rejection = parsed.entries().getFirst().rejection();
        assertThat(rejection).as(contact).isNotNull();
        assertThat(rejection.code()).isEqualTo(code);
        assertThat(rejection.field()).isEqualTo(field);
        assertThat(rejection.httpStatus()).isEqualTo(422);
    }

    private static void assertRejected(SubmissionParser.Parsed parsed, int status, String code, String field) {
        assertThat(parsed.accepted()).as("accepted").isFalse();
        assertThat(parsed.rejection().httpStatus()).isEqualTo(status);
        assertThat(parsed.rejection().code()).isEqualTo(code);
        assertThat(parsed.rejection().field()).isEqualTo(field);
        assertThat(parsed.rejection().message()).isNotBlank();
    }
}
