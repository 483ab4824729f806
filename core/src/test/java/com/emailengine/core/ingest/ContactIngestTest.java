package com.emailengine.core.ingest;

import static com.emailengine.core.config.TwoTenantConfig.ACME;
import static com.emailengine.core.config.TwoTenantConfig.GLOBEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.contact.Contact;
import com.emailengine.core.contact.ContactStatus;
import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.core.contact.InMemoryContactStore;
import com.emailengine.core.ingest.ContactIngest.ContactOutcome;
import com.emailengine.core.ingest.ContactIngest.Result;
import com.emailengine.core.ingest.ContactIngest.Status;
import com.emailengine.core.source.InMemorySourceKeys;
import com.emailengine.core.source.RequestAuthenticator;
import com.emailengine.core.suppression.InMemorySuppressionList;
import com.emailengine.core.suppression.Suppression;
import com.emailengine.core.suppression.SuppressionList;
import com.emailengine.core.validation.ValidationData;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ingest API's use case, step by step: the request (media type, size, credentials, body), each contact (fields,
 * address, tenant, enrichment and routing, validation, suppression, storage lookup) and what is queued for the intake.
 */
class ContactIngestTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String SCRAPER_KEY = "scraper-key";
    private static final String SIGNER_KEY = "signer-key";
    private static final String REQUEST_ID = "req-1";

    private final EngineConfig config = IngestConfig.load();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemorySourceKeys keys = new InMemorySourceKeys().with(IngestConfig.SCRAPER, SCRAPER_KEY)
            .with(IngestConfig.SIGNER, SIGNER_KEY).with(IngestConfig.GLOBEX_FEED, "globex-key");
    private final InMemoryContactStore contacts = new InMemoryContactStore();
    private final InMemorySuppressionList suppressions = new InMemorySuppressionList();
    private final RecordingContactQueue queue = new RecordingContactQueue();
    private final ContactIngest ingest = new ContactIngest(config, new RequestAuthenticator(config.sources(), keys, clock),
            ValidationData.shipped(), contacts, suppressions, queue, clock);

    // --- the request as a whole ---

    @Test
    void aNewContactIsAcceptedRoutedAndQueuedButNotStored() {
        Result result = post("{'email':'Ana.Lima@Gmail.COM','tenant':'acme','first_name':'Ana','source':'google-maps'}");

        assertThat(result.httpStatus()).isEqualTo(202);
        assertThat(result.batch()).isFalse();
        assertThat(result.sourceId()).isEqualTo(IngestConfig.SCRAPER);
        assertThat(result.contacts()).singleElement().satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(Status.ACCEPTED);
            assertThat(outcome.email()).isEqualTo("Ana.Lima@gmail.com");
            assertThat(outcome.tenant()).isEqualTo(ACME);
            assertThat(outcome.campaign()).isEqualTo("welcome");
            assertThat(outcome.contactId()).isEqualTo(idOf("ana.lima@gmail.com").hex());
            assertThat(outcome.verdict()).isEqualTo("valid");
            assertThat(outcome.findings()).isEmpty();
            assertThat(outcome.rejection()).isNull();
        });
        assertThat(queue.submitted()).singleElement().satisfies(s -> {
            assertThat(s.tenant()).isEqualTo(ACME);
            assertThat(s.email()).isEqualTo("Ana.Lima@gmail.com");
            assertThat(s.firstName()).isEqualTo("Ana");
            assertThat(s.source()).isEqualTo("google-maps");
            assertThat(s.sourceId()).isEqualTo(IngestConfig.SCRAPER);
            assertThat(s.requestId()).isEqualTo(REQUEST_ID);
            assertThat(s.receivedAt()).isEqualTo(NOW);
            assertThat(s.campaign()).isEqualTo("welcome");
            assertThat(s.route()).isEqualTo("everyone-else");
            assertThat(s.language()).isEqualTo("fr");
            assertThat(s.languageSource()).isEqualTo("tenant-default");
            assertThat(s.attempt()).isZero();
        });
        // D19: the API reads, the intake writes.
        assertThat(contacts.size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/jsonp", "application/json-seq",
            "application/jsonx; charset=utf-8", "application/json+evil", "xapplication/json", ""})
    void aBodyThatIsNotJsonIsRefusedBeforeAnythingElse(String contentType) {
        Result result = ingest.ingest(new ContactIngest.Request(contentType, headers(Map.of()),
                bytes("{'email':'ana@gmail.com'}"), REQUEST_ID));

        assertThat(result.httpStatus()).isEqualTo(415);
        assertThat(result.rejection().code()).isEqualTo("unsupported_media_type");
        assertThat(queue.batches()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "APPLICATION/JSON", " application/json ; charset=UTF-8"})
    void exactlyApplicationJsonWithOrWithoutParametersIsRead(String contentType) {
        Result result = ingest.ingest(new ContactIngest.Request(contentType, bearer(IngestConfig.SCRAPER, SCRAPER_KEY),
                bytes("{'email':'ana@gmail.com'}"), REQUEST_ID));

        assertThat(result.httpStatus()).isEqualTo(202);
    }

    @Test
    void aJsonContentTypeWithACharsetIsRead() {
        Result result = ingest.ingest(new ContactIngest.Request("Application/JSON; charset=utf-8", bearer(IngestConfig.SCRAPER,
                SCRAPER_KEY), bytes("{'email':'ana@gmail.com'}"), REQUEST_ID));

        assertThat(result.httpStatus()).isEqualTo(202);
    }

    @Test
    void aBodyOverTheBatchLimitIsRefusedWithoutAuthenticatingOrReadingIt() {
        byte[] huge = new byte[SubmissionParser.MAX_BATCH_BODY_BYTES + 1];
        Arrays.fill(huge, (byte) ' ');

        Result result = ingest.ingest(new ContactIngest.Request("application/json", headers(Map.of()), huge, REQUEST_ID));

        assertThat(result.httpStatus()).isEqualTo(413);
        assertThat(result.rejection().code()).isEqualTo("body_too_large");
        assertThat(queue.batches()).isEmpty();
    }

    @Test
    void aSingleContactOverSixteenKilobytesIsRefused() {
        String company = "x".repeat(SubmissionParser.MAX_BODY_BYTES);

        Result result = post("{'email':'ana@gmail.com','company':'" + company + "'}");

        assertThat(result.httpStatus()).isEqualTo(413);
        assertThat(result.rejection().code()).isEqualTo("body_too_large");
        assertThat(queue.batches()).isEmpty();
    }

    // --- authentication ---

    @Test
    void anUnknownSourceAndAWrongKeyGetTheSameRefusalAndNothingIsQueued() {
        Result unknown = send(bearer("nobody", SCRAPER_KEY), "{'email':'ana@gmail.com'}");
        Result wrongKey = send(bearer(IngestConfig.SCRAPER, "guessed"), "{'email':'ana@gmail.com'}");

        assertThat(unknown.rejection()).isEqualTo(wrongKey.rejection());
        assertThat(unknown.httpStatus()).isEqualTo(401);
        assertThat(unknown.rejection().code()).isEqualTo("invalid_credentials");
        assertThat(unknown.sourceId()).isNull();
        assertThat(unknown.contacts()).isEmpty();
        assertThat(queue.batches()).isEmpty();
        assertThat(contacts.existingQueries()).as("storage is not read for a refused request").isZero();
    }

    @Test
    void aRequestWithoutCredentialsIsRefused() {
        Result result = send(headers(Map.of(RequestAuthenticator.SOURCE_HEADER, IngestConfig.SCRAPER)), "{'email':'ana@gmail.com'}");

        assertThat(result.httpStatus()).isEqualTo(401);
        assertThat(result.rejection().code()).isEqualTo("missing_credentials");
        assertThat(queue.batches()).isEmpty();
    }

    @Test
    void aValidSignatureAuthenticatesItsSource() {
        String body = "{'email':'ana@gmail.com'}";

        Result result = send(signed(IngestConfig.SIGNER, SIGNER_KEY, NOW.minusSeconds(90), body), body);

        assertThat(result.httpStatus()).isEqualTo(202);
        assertThat(result.sourceId()).isEqualTo(IngestConfig.SIGNER);
        assertThat(queue.submitted()).singleElement().satisfies(s -> assertThat(s.sourceId()).isEqualTo(IngestConfig.SIGNER));
    }

    @Test
    void aSignatureOlderThanFiveMinutesIsRefusedAsStaleAndNothingIsQueued() {
        String body = "{'email':'ana@gmail.com'}";

        Result result = send(signed(IngestConfig.SIGNER, SIGNER_KEY, NOW.minus(RequestAuthenticator.MAX_SKEW).minusSeconds(1), body),
                body);

        assertThat(result.httpStatus()).isEqualTo(401);
        assertThat(result.rejection().code()).isEqualTo("stale_signature");
        assertThat(queue.batches()).isEmpty();
    }

    @Test
    void aSignatureOfAnotherBodyIsRefused() {
        Map<String, String> signedForOther = signedHeaders(IngestConfig.SIGNER, SIGNER_KEY, NOW, "{'email':'bob@gmail.com'}");

        Result result = send(headers(signedForOther), "{'email':'ana@gmail.com'}");

        assertThat(result.rejection().code()).isEqualTo("invalid_credentials");
        assertThat(queue.batches()).isEmpty();
    }

    @Test
    void aSourceAllowedOnlySignaturesCannotUseItsKeyAsABearer() {
        Result result = send(bearer(IngestConfig.SIGNER, SIGNER_KEY), "{'email':'ana@gmail.com'}");

        assertThat(result.rejection().code()).isEqualTo("invalid_credentials");
        assertThat(queue.batches()).isEmpty();
    }

    // --- the body ---

    @ParameterizedTest
    @ValueSource(strings = {"{'email':", "['ana@gmail.com']", "'ana@gmail.com'", ""})
    void aBodyThatIsNotAJsonObjectRejectsTheWholeRequest(String body) {
        Result result = post(body);

        assertThat(result.httpStatus()).isEqualTo(400);
        assertThat(result.rejection().code()).isEqualTo("malformed_json");
        assertThat(result.sourceId()).as("the source was authenticated first").isEqualTo(IngestConfig.SCRAPER);
        assertThat(result.contacts()).isEmpty();
        assertThat(queue.batches()).isEmpty();
    }

    @Test
    void aBatchWithoutContactsIsRefused() {
        Result result = post("{'contacts':[]}");

        assertThat(result.httpStatus()).isEqualTo(422);
        assertThat(result.rejection().code()).isEqualTo("invalid_field");
        assertThat(result.rejection().field()).isEqualTo("contacts");
        assertThat(queue.batches()).isEmpty();
    }

    static Stream<Arguments> refusedContacts() {
        return Stream.of(
                Arguments.of("{'first_name':'Ana'}", "missing_field", "email", null),
                Arguments.of("{'email':42}", "invalid_field", "email", null),
                Arguments.of("{'email':'ana@gmail.com','domain_authority':'high'}", "invalid_field", "domain_authority", null),
                Arguments.of("{'email':'ana@gmail.com','page_rank':11}", "invalid_field", "page_rank", null),
                Arguments.of("{'email':'ana@gmail.com','country':'France'}", "invalid_field", "country", null),
                Arguments.of("{'email':'ana@gmail.com','site_url':'ftp://ana.fr'}", "invalid_field", "site_url", null),
                Arguments.of("{'email':'ana@gmail.com','language':'french!'}", "invalid_field", "language", null),
                Arguments.of("{'email':'ana@gmail.com','phone':'call me'}", "invalid_field", "phone", null),
                Arguments.of("{'email':'ana@@gmail.com'}", "invalid_email", "email", "multiple_at"),
                Arguments.of("{'email':'ana@mailinator.com'}", "invalid_email", "email", "disposable_domain"),
                Arguments.of("{'email':'postmaster@company.fr'}", "invalid_email", "email", "system_mailbox"),
                Arguments.of("{'email':'ana@gmail.com','tenant':'nobody'}", "unknown_tenant", "tenant", null));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("refusedContacts")
    void aContactWithAMissingOrInvalidFieldIsRejectedNamingIt(String body, String code, String field, String detail) {
        Result result = post(body);

        assertThat(result.httpStatus()).isEqualTo(422);
        assertThat(result.rejection().code()).isEqualTo(code);
        assertThat(result.rejection().field()).isEqualTo(field);
        assertThat(result.rejection().detail()).isEqualTo(detail);
        assertThat(result.contacts()).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(Status.REJECTED));
        assertThat(queue.batches()).isEmpty();
    }

    @Test
    void unknownFieldsAreIgnoredAndNamedInTheAnswer() {
        Result single = post("{'email':'ana@gmail.com','colour':'blue'}");
        Result batch = post("{'campaign':'spring','contacts':[{'email':'bob@gmail.com','shoe_size':42}]}");

        assertThat(single.httpStatus()).isEqualTo(202);
        assertThat(single.contacts().getFirst().ignoredFields()).containsExactly("colour");
        assertThat(batch.ignoredFields()).containsExactly("campaign");
        assertThat(batch.contacts().getFirst().ignoredFields()).containsExactly("shoe_size");
    }

    // --- a batch ---

    @Test
    void aBatchIsAnsweredPerContactInOrderWithItsCounts() {
        storeContact(ACME, "carl@gmail.com");

        Result result = post("""
                {'tenant':'acme','contacts':[
                  {'email':'ana@gmail.com'},
                  {'first_name':'Nobody'},
                  {'email':'Carl@gmail.com'},
                  {'email':'dan@mailinator.com'},
                  {'email':'info@company.fr'},
                  42
                ]}""");

        assertThat(result.httpStatus()).isEqualTo(202);
        assertThat(result.batch()).isTrue();
        assertThat(result.rejection()).isNull();
        assertThat(result.contacts()).extracting(ContactOutcome::index, ContactOutcome::status)
                .containsExactly(tuple(0, Status.ACCEPTED), tuple(1, Status.REJECTED), tuple(2, Status.DUPLICATE),
                        tuple(3, Status.REJECTED), tuple(4, Status.ACCEPTED), tuple(5, Status.REJECTED));
        assertThat(result.count(Status.ACCEPTED)).isEqualTo(2);
        assertThat(result.count(Status.DUPLICATE)).isEqualTo(1);
        assertThat(result.count(Status.REJECTED)).isEqualTo(3);
        assertThat(result.contacts()).extracting(o -> o.rejection() == null ? null : o.rejection().code())
                .containsExactly(null, "missing_field", null, "invalid_email", null, "invalid_field");
        ContactOutcome role = result.contacts().get(4);
        assertThat(role.verdict()).isEqualTo("risky");
        assertThat(role.findings()).containsExactly("role_account");
        assertThat(queue.batches()).as("one hand-over per request").hasSize(1);
        assertThat(queue.submitted()).extracting(ContactSubmission::email)
                .containsExactly("ana@gmail.com", "Carl@gmail.com", "info@company.fr");
    }

    @Test
    void aBatchWhoseEveryContactIsRejectedIsAnswered422AndQueuesNothing() {
        Result result = post("{'contacts':[{'first_name':'Ana'},{'email':'bob@mailinator.com'}]}");

        assertThat(result.httpStatus()).isEqualTo(422);
        assertThat(result.rejection().code()).isEqualTo("no_contact_accepted");
        assertThat(result.contacts()).extracting(ContactOutcome::status).containsOnly(Status.REJECTED);
        assertThat(queue.batches()).isEmpty();
    }

    @Test
    void storageIsReadOncePerTenantNotPerContact() {
        post("""
                {'contacts':[
                  {'email':'ana@gmail.com','tenant':'acme'},
                  {'email':'bob@gmail.com','tenant':'acme'},
                  {'email':'cy@gmail.com','tenant':'globex'},
                  {'email':'dee@gmail.com','tenant':'acme'},
                  {'email':'eve@gmail.com','tenant':'globex'}
                ]}""");

        assertThat(contacts.existingQueries()).isEqualTo(2);
        assertThat(suppressions.queries()).isEqualTo(2);
        assertThat(queue.submitted()).hasSize(5);
    }

    @Test
    void aSuppressionListThatCannotAnswerFailsTheRequestAndQueuesNothing() {
        suppressions.failWith(new IllegalStateException("suppressions table unreachable"));

        assertThatThrownBy(() -> post("{'email':'ana@gmail.com'}")).hasMessageContaining("unreachable");
        assertThat(queue.batches()).isEmpty();
    }

    // --- suppression ---

    @Test
    void anAddressOnATenantsSuppressionListIsRejectedForThatTenantOnly() {
        suppressions.add(new Suppression(ACME, idOf("ana@gmail.com"), "unsubscribed", "test", NOW));

        Result result = post("{'contacts':[{'email':'Ana@gmail.com','tenant':'acme'},{'email':'ana@gmail.com','tenant':'globex'}]}");

        assertThat(result.contacts()).extracting(ContactOutcome::status).containsExactly(Status.REJECTED, Status.ACCEPTED);
        assertThat(result.contacts().getFirst().rejection().code()).isEqualTo("suppressed");
        assertThat(result.contacts().getFirst().rejection().field()).isEqualTo("email");
        assertThat(queue.submitted()).extracting(ContactSubmission::tenant).containsExactly(GLOBEX);
    }

    @Test
    void anAddressOnTheGlobalSuppressionListIsRejectedForEveryTenant() {
        suppressions.add(new Suppression(SuppressionList.GLOBAL, idOf("bob@gmail.com"), "hard_bounce", "test", NOW));

        Result result = post("{'contacts':[{'email':'bob@gmail.com','tenant':'acme'},{'email':'bob@gmail.com','tenant':'globex'}]}");

        assertThat(result.httpStatus()).isEqualTo(422);
        assertThat(result.contacts()).extracting(o -> o.rejection().code()).containsExactly("suppressed", "suppressed");
        assertThat(queue.batches()).isEmpty();
    }

    // --- enrichment and routing ---

    @Test
    void enrichmentRoutesEachContactToItsTenantAndCampaign() {
        Result result = post("""
                {'contacts':[
                  {'email':'eva@gmail.com','company':'Cabinet Avocat Martin'},
                  {'email':'max@web.de'},
                  {'email':'lea@gmail.com','site_url':'https://boutique-lea.de/contact'},
                  {'email':'tom@gmail.com','country':'DEU'},
                  {'email':'zoe@gmail.com'},
                  {'email':'ugo@gmail.com','country':'DE','language':'it-CH'}
                ]}""");

        assertThat(result.contacts()).extracting(ContactOutcome::tenant, ContactOutcome::campaign).containsExactly(
                tuple(ACME, "legal"), tuple(GLOBEX, "welcome"), tuple(GLOBEX, "welcome"), tuple(GLOBEX, "welcome"),
                tuple(ACME, "welcome"), tuple(GLOBEX, "welcome"));
        assertThat(queue.submitted()).extracting(ContactSubmission::route, s -> s.profile().category(), ContactSubmission::categorySource,
                s -> s.profile().country(), ContactSubmission::countrySource, ContactSubmission::language,
                ContactSubmission::languageSource).containsExactly(
                tuple("legal", "legal", "keyword", null, null, "fr", "tenant-default"),
                tuple("germany", null, "none", "DE", "email-tld", "de", "country"),
                tuple("germany", null, "none", "DE", "site-tld", "de", "country"),
                tuple("germany", null, "none", "DE", "given", "de", "country"),
                tuple("everyone-else", null, "none", null, null, "fr", "tenant-default"),
                tuple("germany", null, "none", "DE", "given", "it", "given"));
    }

    @Test
    void aNamedTenantIsBindingAndRulesOnlyChooseItsCampaign() {
        Result result = post("""
                {'tenant':'acme','contacts':[
                  {'email':'max@web.de'},
                  {'email':'eva@gmail.com','category':'Legal'}
                ]}""");

        assertThat(result.contacts()).extracting(ContactOutcome::tenant, ContactOutcome::campaign)
                .containsExactly(tuple(ACME, "welcome"), tuple(ACME, "legal"));
        assertThat(queue.submitted()).extracting(ContactSubmission::categorySource).containsExactly("none", "given");
    }

    @Test
    void aTenantTheSourceMayNotFeedIsForbidden() {
        String body = "{'email':'ana@gmail.com','tenant':'globex'}";

        Result result = send(signed(IngestConfig.SIGNER, SIGNER_KEY, NOW, body), body);

        assertThat(result.httpStatus()).isEqualTo(403);
        assertThat(result.rejection().code()).isEqualTo("tenant_not_allowed");
        assertThat(queue.batches()).isEmpty();
    }

    @Test
    void aContactNoRuleRoutesAndThatNamesNoTenantIsRejected() {
        Result result = send(bearer(IngestConfig.GLOBEX_FEED, "globex-key"), "{'email':'zoe@gmail.com'}");

        assertThat(result.httpStatus()).isEqualTo(422);
        assertThat(result.rejection().code()).isEqualTo("no_route");
        assertThat(queue.batches()).isEmpty();
    }

    // --- repeats ---

    @Test
    void aRepeatedSubmissionIsAnsweredDuplicateAndStillQueued() {
        storeContact(ACME, "ana@gmail.com");

        Result result = post("{'contacts':[{'email':'ANA@gmail.com','tenant':'acme','city':'Lyon'},"
                + "{'email':'ana@gmail.com','tenant':'globex'}]}");

        assertThat(result.contacts()).extracting(ContactOutcome::status, ContactOutcome::duplicateOf)
                .containsExactly(tuple(Status.DUPLICATE, null), tuple(Status.ACCEPTED, null));
        assertThat(queue.submitted()).extracting(ContactSubmission::tenant, s -> s.profile().city())
                .as("the repeat's new fields travel to the intake to be merged")
                .containsExactly(tuple(ACME, "Lyon"), tuple(GLOBEX, null));
    }

    @Test
    void aRepeatInsideARequestIsAnsweredDuplicateOfItsFirstOccurrenceAndQueuedOnceMerged() {
        Result result = post("""
                {'tenant':'acme','contacts':[
                  {'email':'Ana@gmail.com','first_name':'Ana','city':'Lyon','source':'maps'},
                  {'email':'bob@gmail.com'},
                  {'email':'ana@GMAIL.com','last_name':'Lima','city':'Paris','language':'pt'}
                ]}""");

        assertThat(result.contacts()).extracting(ContactOutcome::status, ContactOutcome::duplicateOf).containsExactly(
                tuple(Status.ACCEPTED, null), tuple(Status.ACCEPTED, null), tuple(Status.DUPLICATE, 0));
        assertThat(result.contacts().get(2).contactId()).isEqualTo(result.contacts().getFirst().contactId());
        assertThat(queue.submitted()).hasSize(2).first().satisfies(s -> {
            assertThat(s.email()).as("the first spelling").isEqualTo("Ana@gmail.com");
            assertThat(s.firstName()).isEqualTo("Ana");
            assertThat(s.profile().lastName()).isEqualTo("Lima");
            assertThat(s.profile().city()).as("later fields laid over earlier ones").isEqualTo("Paris");
            assertThat(s.language()).isEqualTo("pt");
            assertThat(s.languageSource()).isEqualTo("given");
            assertThat(s.source()).as("an absent field keeps the earlier value").isEqualTo("maps");
        });
    }

    @Test
    void aRepeatsDerivedValuesInsideARequestDoNotOverrideWhatItsFirstOccurrenceGave() {
        post("""
                {'tenant':'acme','contacts':[
                  {'email':'ana@gmail.com','country':'FR','category':'legal'},
                  {'email':'ana@gmail.com','site_url':'https://ana-insurance.de'}
                ]}""");

        assertThat(queue.submitted()).singleElement().satisfies(s -> {
            assertThat(s.profile().siteUrl()).as("a gap the repeat fills").isEqualTo("https://ana-insurance.de");
            assertThat(s.profile().country()).isEqualTo("FR");
            assertThat(s.countrySource()).isEqualTo("given");
            assertThat(s.profile().category()).isEqualTo("legal");
            assertThat(s.categorySource()).isEqualTo("given");
        });
    }

    // --- helpers ---

    private Result post(String body) {
        return send(bearer(IngestConfig.SCRAPER, SCRAPER_KEY), body);
    }

    private Result send(RequestAuthenticator.Headers headers, String body) {
        return ingest.ingest(new ContactIngest.Request("application/json", headers, bytes(body), REQUEST_ID));
    }

    private void storeContact(String tenant, String email) {
        EmailAddress address = EmailAddress.parse(email);
        contacts.createIfAbsent(new Contact(tenant, EmailHash.of(address), address.value(), null, "fr", IngestConfig.SCRAPER,
                ContactStatus.ENROLLED, NOW.minusSeconds(86_400)));
    }

    private static RequestAuthenticator.Headers bearer(String source, String key) {
        return headers(Map.of(RequestAuthenticator.SOURCE_HEADER, source, "authorization", "Bearer " + key));
    }

    private static RequestAuthenticator.Headers signed(String source, String key, Instant at, String body) {
        return headers(signedHeaders(source, key, at, body));
    }

    private static Map<String, String> signedHeaders(String source, String key, Instant at, String body) {
        String timestamp = Long.toString(at.getEpochSecond());
        Map<String, String> headers = new HashMap<>();
        headers.put(RequestAuthenticator.SOURCE_HEADER, source);
        headers.put(RequestAuthenticator.TIMESTAMP_HEADER, timestamp);
        headers.put(RequestAuthenticator.SIGNATURE_HEADER, "sha256=" + RequestAuthenticator.sign(key, timestamp, bytes(body)));
        return headers;
    }

    private static RequestAuthenticator.Headers headers(Map<String, String> headers) {
        return name -> Optional.ofNullable(headers.get(name));
    }

    /** JSON written with single quotes, which read better inside Java strings. */
    private static byte[] bytes(String singleQuotedJson) {
        return singleQuotedJson.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static EmailHash idOf(String email) {
        return EmailHash.of(EmailAddress.parse(email));
    }
}
