package com.emailengine.core.ingest;

import static com.emailengine.core.config.TwoTenantConfig.ACME;
import static com.emailengine.core.config.TwoTenantConfig.GLOBEX;
import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.campaign.InMemoryEnrollmentStore;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.contact.Contact;
import com.emailengine.core.contact.ContactProfile;
import com.emailengine.core.contact.ContactStatus;
import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.core.contact.InMemoryContactStore.Change;
import com.emailengine.core.contact.InMemoryContactStore.Item;
import com.emailengine.core.contact.InMemoryContactStore;
import com.emailengine.core.dns.InMemoryDnsResolver;
import com.emailengine.core.dns.MailRouteResolver;
import com.emailengine.core.ingest.ContactIntake.Result;
import com.emailengine.core.suppression.InMemorySuppressionList;
import com.emailengine.core.suppression.Suppression;
import com.emailengine.core.suppression.SuppressionList;
import com.emailengine.core.validation.AddressValidator;
import com.emailengine.core.validation.BulkValidator;
import com.emailengine.core.validation.MailRouteCheck;
import com.emailengine.core.validation.SuppressionCheck;
import com.emailengine.core.validation.ValidationData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The intake's use case: validation again, now with DNS and today's suppression lists; storing once per tenant with
 * the merge rule of D17; the verdict as the contact's status; enrollment of a valid contact; and D19's retries of a
 * DNS that does not answer.
 */
class ContactIntakeTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofHours(2));

    private final EngineConfig config = IngestConfig.load();
    private final InMemoryContactStore contacts = new InMemoryContactStore();
    private final InMemoryEnrollmentStore enrollments = new InMemoryEnrollmentStore();
    private final InMemorySuppressionList suppressions = new InMemorySuppressionList();
    private final RecordingContactQueue queue = new RecordingContactQueue();
    private final InMemoryDnsResolver dns = new InMemoryDnsResolver()
            .mx("gmail.com", "mx.gmail.com", "192.0.2.10")
            .mx("company.fr", "mx.company.fr", "192.0.2.11")
            .nullMx("nomail.fr")
            .mx("slow.fr", "mx.slow.fr", "192.0.2.12").timeOut("slow.fr");
    private final BulkValidator validator = new BulkValidator(AddressValidator.standard(ValidationData.shipped(),
            new SuppressionCheck(suppressions), new MailRouteCheck(new MailRouteResolver(dns, Clock.fixed(T0, ZoneOffset.UTC)))), 4);
    private final ContactIntake intake = intakeAt(T0);

    @Test
    void aNewValidContactIsStoredWithWhatItBroughtAndEnrolledInTheRoutedCampaign() {
        ContactSubmission ana = submission("Ana.Lima@gmail.com").profile(profile("Ana", "Cabinet Lima", "Lyon", "FR", "legal"))
                .language("pt", "given").campaign("legal", "legal").build();

        Result result = intake.accept(ana);

        assertThat(result).isEqualTo(Result.ENROLLED);
        Item item = stored(ACME, "ana.lima@gmail.com");
        assertThat(item.contact()).isEqualTo(new Contact(ACME, idOf("ana.lima@gmail.com"), "Ana.Lima@gmail.com", "Ana", "pt",
                IngestConfig.SCRAPER, ContactStatus.ENROLLED, T0));
        assertThat(item.attributes()).containsEntry("company", "Cabinet Lima").containsEntry("city", "Lyon")
                .containsEntry("country", "FR").containsEntry("country_source", "given")
                .containsEntry("category", "legal").containsEntry("category_source", "given")
                .containsEntry("language_source", "given").containsEntry("route", "legal");
        assertThat(item.verdict()).isEqualTo("valid");
        assertThat(item.findings()).isEmpty();
        assertThat(item.sources()).containsExactly(IngestConfig.SCRAPER);
        assertThat(item.sourceLabel()).isEqualTo("maps");
        assertThat(statuses(item)).containsExactly(ContactStatus.VALID, ContactStatus.ENROLLED);
        assertThat(enrollments.all()).singleElement().satisfies(e -> {
            assertThat(e.enrollment().campaignId()).isEqualTo("legal");
            assertThat(e.enrollment().contactId()).isEqualTo(idOf("ana.lima@gmail.com"));
            assertThat(e.enrollment().language()).isEqualTo("pt");
            assertThat(e.enrollment().nextStep()).isZero();
            assertThat(e.enrollment().dueAt()).contains(T0);
            assertThat(e.state()).isEqualTo("active");
        });
        assertThat(queue.delayed()).isEmpty();
    }

    @Test
    void aSubmissionThatNamesNoCampaignJoinsItsTenantsWelcomeCampaignInItsDefaultLanguage() {
        // The walking skeleton's form: a raw language tag that is no template language, no profile, no campaign.
        Result result = intake.accept(new ContactSubmission(GLOBEX, "bob@gmail.com", "Bob", "tlh", "crm", T0, "req-1"));

        assertThat(result).isEqualTo(Result.ENROLLED);
        Item item = stored(GLOBEX, "bob@gmail.com");
        assertThat(item.contact().language()).isEqualTo("en");
        assertThat(item.attributes()).containsEntry("language_source", "tenant-default");
        assertThat(enrollments.item(GLOBEX, "welcome", idOf("bob@gmail.com"))).isPresent();
    }

    @Test
    void aRoutedCampaignNoLongerConfiguredFallsBackToTheTenantsWelcomeCampaign() {
        Result result = intake.accept(submission("ana@gmail.com").campaign("retired", "old-rule").build());

        assertThat(result).isEqualTo(Result.ENROLLED);
        assertThat(enrollments.all()).extracting(e -> e.enrollment().campaignId()).containsExactly("welcome");
    }

    @Test
    void aRedeliveredSubmissionConvergesToTheSameState() {
        ContactSubmission ana = submission("ana@gmail.com").build();

        Result first = intake.accept(ana);
        Result again = intake.accept(ana);

        assertThat(first).isEqualTo(Result.ENROLLED);
        assertThat(again).isEqualTo(Result.DUPLICATE);
        assertThat(contacts.size()).isEqualTo(1);
        assertThat(enrollments.all()).hasSize(1);
        assertThat(statuses(stored(ACME, "ana@gmail.com"))).containsExactly(ContactStatus.VALID, ContactStatus.ENROLLED);
    }

    @Test
    void aContactStoredButNotYetEnrolledIsEnrolledByTheRetry() {
        // What a crash between storing and enrolling leaves behind.
        contacts.createIfAbsent(new Contact(ACME, idOf("ana@gmail.com"), "ana@gmail.com", "Ana", "fr", IngestConfig.SCRAPER,
                ContactStatus.VALID, T0));

        Result result = intake.accept(submission("ana@gmail.com").build());

        assertThat(result).isEqualTo(Result.ENROLLED);
        assertThat(stored(ACME, "ana@gmail.com").contact().status()).isEqualTo(ContactStatus.ENROLLED);
        assertThat(enrollments.item(ACME, "welcome", idOf("ana@gmail.com"))).isPresent();
    }

    // --- a repeat (D17) ---

    @Test
    void aLaterSubmissionReplacesTheGivenFieldsItBringsAndKeepsTheRest() {
        intakeAt(T0).accept(submission("Ana@gmail.com").profile(profile("Ana", "Lima & Co", "Lyon", null, null)).build());

        Result repeat = intakeAt(T1).accept(submission("ANA@gmail.com").at(T1).request("req-2").sourceId("backlinks")
                .profile(profile("Anna", null, "Paris", null, null)).build());

        assertThat(repeat).isEqualTo(Result.DUPLICATE);
        Item item = stored(ACME, "ana@gmail.com");
        assertThat(item.attributes()).containsEntry("city", "Paris").containsEntry("first_name", "Anna")
                .as("an absent field never erases").containsEntry("company", "Lima & Co");
        assertThat(item.contact().email()).as("identity never changes").isEqualTo("Ana@gmail.com");
        assertThat(item.contact().createdAt()).isEqualTo(T0);
        assertThat(item.contact().status()).isEqualTo(ContactStatus.ENROLLED);
        assertThat(item.sources()).containsExactlyInAnyOrder(IngestConfig.SCRAPER, "backlinks");
        assertThat(item.profileAt()).isEqualTo(T1);
        assertThat(enrollments.all()).hasSize(1);
    }

    @Test
    void anOlderSubmissionProcessedLateOnlyFillsEmptyFields() {
        intakeAt(T1).accept(submission("ana@gmail.com").at(T1).profile(profile("Ana", null, "Paris", null, null)).build());
        ContactProfile older = new ContactProfile("Anne", null, null, "Lyon", null, "+33 1 23 45 67 89", null, null, null, null, null);

        intakeAt(T1).accept(submission("ana@gmail.com").at(T0).request("req-0").profile(older).build());

        Item item = stored(ACME, "ana@gmail.com");
        assertThat(item.attributes()).containsEntry("city", "Paris").containsEntry("first_name", "Ana")
                .containsEntry("phone", "+33 1 23 45 67 89");
        assertThat(item.profileAt()).isEqualTo(T1);
    }

    @Test
    void derivedValuesOnlyFillGapsAndNeverOverrideWhatASourceGave() {
        intakeAt(T0).accept(submission("ana@gmail.com").profile(profile("Ana", null, null, "FR", null)).language("pt", "given")
                .build());

        intakeAt(T1).accept(submission("ana@gmail.com").at(T1).request("req-2")
                .profile(profile(null, "Ana Insurance", null, "DE", "insurance")).language("de", "country")
                .countrySource("site-tld").categorySource("keyword").build());

        Item item = stored(ACME, "ana@gmail.com");
        assertThat(item.attributes()).containsEntry("country", "FR").containsEntry("country_source", "given")
                .containsEntry("language", "pt").containsEntry("language_source", "given")
                .as("a gap a derived value may fill").containsEntry("category", "insurance").containsEntry("category_source", "keyword")
                .as("a given field of the newer submission").containsEntry("company", "Ana Insurance");
        assertThat(item.contact().language()).isEqualTo("pt");
    }

    @Test
    void aLanguageALaterSubmissionGivesReplacesADerivedOne() {
        intakeAt(T0).accept(submission("ana@gmail.com").language("fr", "country").build());

        intakeAt(T1).accept(submission("ana@gmail.com").at(T1).request("req-2").language("es", "given").build());

        Item item = stored(ACME, "ana@gmail.com");
        assertThat(item.contact().language()).isEqualTo("es");
        assertThat(item.attributes()).containsEntry("language_source", "given");
    }

    @Test
    void aRepeatOfAContactNoLongerMailableIsNotEnrolledAgain() {
        contacts.createIfAbsent(new Contact(ACME, idOf("ana@gmail.com"), "ana@gmail.com", "Ana", "fr", IngestConfig.SCRAPER,
                ContactStatus.UNSUBSCRIBED, T0));

        Result result = intake.accept(submission("ana@gmail.com").request("req-2").build());

        assertThat(result).isEqualTo(Result.NOT_MAILABLE);
        assertThat(stored(ACME, "ana@gmail.com").contact().status()).isEqualTo(ContactStatus.UNSUBSCRIBED);
        assertThat(enrollments.all()).isEmpty();
    }

    // --- verdicts ---

    @Test
    void submissionsValidatedTogetherAreAnsweredInTheirOrder() {
        List<Result> results = intake.acceptAll(List.of(submission("ana@gmail.com").build(), submission("ben@nomail.fr").build(),
                submission("cy@gone.fr").build(), submission("dee@slow.fr").build(), submission("info@company.fr").build()));

        assertThat(results).containsExactly(Result.ENROLLED, Result.INVALID, Result.INVALID, Result.RETRY_LATER, Result.HELD);
        assertThat(stored(ACME, "ben@nomail.fr").findings()).containsExactly("null_mx");
        assertThat(stored(ACME, "cy@gone.fr").findings()).containsExactly("nxdomain");
        assertThat(enrollments.all()).extracting(e -> e.enrollment().contactId()).containsExactly(idOf("ana@gmail.com"));
    }

    @Test
    void anAddressWhoseDomainTakesNoMailIsStoredInvalidAndNotEnrolled() {
        Result result = intake.accept(submission("ben@nomail.fr").build());

        assertThat(result).isEqualTo(Result.INVALID);
        Item item = stored(ACME, "ben@nomail.fr");
        assertThat(item.contact().status()).isEqualTo(ContactStatus.INVALID);
        assertThat(item.verdict()).isEqualTo("invalid");
        assertThat(enrollments.all()).isEmpty();
        assertThat(queue.delayed()).isEmpty();
    }

    @Test
    void anAddressSuppressedSinceItWasPostedIsStoredInvalidAndNotEnrolled() {
        suppressions.add(new Suppression(ACME, idOf("ana@gmail.com"), "unsubscribed", "test", T0));
        suppressions.add(new Suppression(SuppressionList.GLOBAL, idOf("bob@gmail.com"), "hard_bounce", "test", T0));

        List<Result> results = intake.acceptAll(List.of(submission("ana@gmail.com").build(),
                submission("ana@gmail.com").tenant(GLOBEX).build(), submission("bob@gmail.com").tenant(GLOBEX).build()));

        assertThat(results).containsExactly(Result.INVALID, Result.ENROLLED, Result.INVALID);
        assertThat(stored(ACME, "ana@gmail.com").contact().status()).isEqualTo(ContactStatus.INVALID);
        assertThat(stored(ACME, "ana@gmail.com").findings()).containsExactly("suppressed");
        assertThat(stored(GLOBEX, "bob@gmail.com").findings()).containsExactly("suppressed");
        assertThat(enrollments.all()).extracting(e -> e.enrollment().tenantId()).containsExactly(GLOBEX);
    }

    @Test
    void anAddressThatDoesNotParseOrAnUnknownTenantIsRejectedAndNothingIsStored() {
        List<Result> results = intake.acceptAll(List.of(submission("ana@@gmail.com").build(),
                submission("ana@gmail.com").tenant("gone-tenant").build()));

        assertThat(results).containsExactly(Result.REJECTED, Result.REJECTED);
        assertThat(contacts.size()).isZero();
        assertThat(enrollments.all()).isEmpty();
    }

    @Test
    void aRiskyAddressIsHeldUnderItsTenantsPolicyAndEnrolledWhereThePolicyAcceptsIt() {
        List<Result> results = intake.acceptAll(List.of(submission("info@company.fr").build(),
                submission("info@company.fr").tenant(GLOBEX).build()));

        assertThat(results).containsExactly(Result.HELD, Result.ENROLLED);
        assertThat(stored(ACME, "info@company.fr").contact().status()).isEqualTo(ContactStatus.RISKY);
        assertThat(stored(ACME, "info@company.fr").findings()).containsExactly("role_account");
        assertThat(stored(GLOBEX, "info@company.fr").findings()).containsExactly("role_account");
        assertThat(enrollments.all()).extracting(e -> e.enrollment().tenantId()).containsExactly(GLOBEX);
    }

    // --- DNS that does not answer (D19) ---

    @Test
    void aDnsFailureStoresTheContactNewAndPutsItBackAfterAMinute() {
        Result result = intake.accept(submission("dee@slow.fr").build());

        assertThat(result).isEqualTo(Result.RETRY_LATER);
        Item item = stored(ACME, "dee@slow.fr");
        assertThat(item.contact().status()).as("unknown is never invalid").isEqualTo(ContactStatus.NEW);
        assertThat(item.verdict()).isEqualTo("unknown");
        assertThat(item.findings()).containsExactly("dns_timeout");
        assertThat(queue.delayed()).singleElement().satisfies(d -> {
            assertThat(d.delay()).isEqualTo(Duration.ofMinutes(1));
            assertThat(d.submission().attempt()).isEqualTo(1);
            assertThat(d.submission().email()).isEqualTo("dee@slow.fr");
        });
        assertThat(enrollments.all()).isEmpty();
    }

    @Test
    void eachRetryWaitsTheDocumentedDelayAndAfterTheLastTheContactIsHeldRiskyNeverInvalid() {
        ContactSubmission submission = submission("dee@slow.fr").build();
        List<Result> results = new ArrayList<>();
        for (int delivery = 0; delivery <= ContactIntake.RETRY_DELAYS.size(); delivery++) {
            results.add(intake.accept(submission));
            if (queue.delayed().size() > delivery) {
                submission = queue.delayed().get(delivery).submission();
            }
        }

        assertThat(queue.delayed()).extracting(RecordingContactQueue.Delayed::delay).containsExactly(Duration.ofMinutes(1),
                Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofMinutes(15));
        assertThat(queue.delayed()).extracting(d -> d.submission().attempt()).containsExactly(1, 2, 3, 4, 5);
        assertThat(results).containsExactly(Result.RETRY_LATER, Result.RETRY_LATER, Result.RETRY_LATER, Result.RETRY_LATER,
                Result.RETRY_LATER, Result.UNKNOWN);
        Item item = stored(ACME, "dee@slow.fr");
        assertThat(statuses(item)).containsExactly(ContactStatus.NEW, ContactStatus.RISKY);
        assertThat(item.history().getLast().reason()).contains("dns_timeout");
        assertThat(enrollments.all()).isEmpty();
    }

    @Test
    void aRetryAfterDnsAnswersAgainEnrollsTheContact() {
        intake.accept(submission("dee@slow.fr").build());
        dns.answer("slow.fr");

        Result retried = intake.accept(queue.delayed().getFirst().submission());

        assertThat(retried).isEqualTo(Result.ENROLLED);
        Item item = stored(ACME, "dee@slow.fr");
        assertThat(statuses(item)).containsExactly(ContactStatus.NEW, ContactStatus.VALID, ContactStatus.ENROLLED);
        assertThat(item.verdict()).as("the latest validation replaces the previous one").isEqualTo("valid");
        assertThat(item.findings()).isEmpty();
        assertThat(queue.delayed()).hasSize(1);
    }

    // --- helpers ---

    private ContactIntake intakeAt(Instant now) {
        return new ContactIntake(config, contacts, enrollments, validator, queue, Clock.fixed(now, ZoneOffset.UTC));
    }

    private Item stored(String tenant, String email) {
        return contacts.item(tenant, idOf(email)).orElseThrow(() -> new AssertionError(email + " is not stored for " + tenant));
    }

    private static List<ContactStatus> statuses(Item item) {
        return item.history().stream().map(Change::status).toList();
    }

    private static EmailHash idOf(String email) {
        return EmailHash.of(EmailAddress.parse(email));
    }

    private static ContactProfile profile(String firstName, String company, String city, String country, String category) {
        return new ContactProfile(firstName, null, company, city, country, null, null, null, null, null, category);
    }

    private static SubmissionBuilder submission(String email) {
        return new SubmissionBuilder(email);
    }

    /**
     * A submission as the ingest API queues it, to acme's welcome campaign unless told otherwise; a country or category
     * the profile holds counts as given unless told otherwise.
     */
    private static final class SubmissionBuilder {
        private final String email;
        private String tenant = ACME;
        private ContactProfile profile = ContactProfile.EMPTY;
        private Instant receivedAt = T0;
        private String requestId = "req-1";
        private String sourceId = IngestConfig.SCRAPER;
        private String campaign = "welcome";
        private String route = "everyone-else";
        private String language = "fr";
        private String languageSource = "tenant-default";
        private String countrySource;
        private String categorySource;

        SubmissionBuilder(String email) {
            this.email = email;
        }

        SubmissionBuilder tenant(String value) {
            this.tenant = value;
            return this;
        }

        SubmissionBuilder profile(ContactProfile value) {
            this.profile = value;
            return this;
        }

        SubmissionBuilder at(Instant value) {
            this.receivedAt = value;
            return this;
        }

        SubmissionBuilder request(String value) {
            this.requestId = value;
            return this;
        }

        SubmissionBuilder sourceId(String value) {
            this.sourceId = value;
            return this;
        }

        SubmissionBuilder campaign(String value, String routeName) {
            this.campaign = value;
            this.route = routeName;
            return this;
        }

        SubmissionBuilder language(String value, String source) {
            this.language = value;
            this.languageSource = source;
            return this;
        }

        SubmissionBuilder countrySource(String value) {
            this.countrySource = value;
            return this;
        }

        SubmissionBuilder categorySource(String value) {
            this.categorySource = value;
            return this;
        }

        ContactSubmission build() {
            String country = countrySource != null ? countrySource : profile.country() != null ? "given" : null;
            String category = categorySource != null ? categorySource : profile.category() != null ? "given" : "none";
            return new ContactSubmission(tenant, email, profile.firstName(), language, "maps", receivedAt, requestId, sourceId,
                    campaign, route, profile, languageSource, country, category, 0);
        }
    }
}
