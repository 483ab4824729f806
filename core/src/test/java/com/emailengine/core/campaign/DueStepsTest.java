package com.emailengine.core.campaign;

import static com.emailengine.core.config.TwoTenantConfig.ACME;
import static com.emailengine.core.config.TwoTenantConfig.GLOBEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.config.TwoTenantConfig;
import com.emailengine.core.contact.Contact;
import com.emailengine.core.contact.ContactStatus;
import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.core.contact.InMemoryContactStore;
import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.core.delivery.RecordingOutboundQueue;
import com.emailengine.core.delivery.TestMessageIds;
import com.emailengine.core.templating.InMemoryTemplateLibrary;
import com.emailengine.core.templating.LanguageTag;
import com.emailengine.core.templating.MessageRenderer;
import com.emailengine.core.templating.RenderLimits;
import com.emailengine.core.templating.TemplateCompiler;
import com.emailengine.core.templating.TemplateContent;
import com.emailengine.core.templating.TemplateOptions;
import com.emailengine.core.templating.TemplateRef;
import com.emailengine.core.templating.TemplateSandbox;
import com.emailengine.core.templating.TemplateVariant;
import com.emailengine.core.templating.TemplateVersion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scheduler's use case: each due step rendered and queued under its stable id, then the enrollment advanced (D6),
 * and what stops, fails or waits instead.
 */
class DueStepsTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final int BATCH_LIMIT = 10;

    private static final String CAMPAIGNS = """
            campaigns:
              - id: welcome
                tenant: acme
                steps:
                  - { template: welcome, version: 1, delay: 0s }
                  - { template: follow-up, version: 1, delay: 3d }
                  - { template: farewell, version: 1, delay: 7d }
              - id: oneshot
                tenant: acme
                steps:
                  - { template: welcome, version: 1, delay: 0s }
              - id: slow
                tenant: acme
                steps:
                  - { template: slow, version: 1, delay: 0s }
              - id: broken
                tenant: acme
                steps:
                  - { template: missing, version: 1, delay: 0s }
              - id: welcome
                tenant: globex
                steps:
                  - { template: welcome, version: 1, delay: 0s }
            """;

    private final EngineConfig config = TwoTenantConfig.load(CAMPAIGNS, null, null);
    private final InMemoryEnrollmentStore enrollments = new InMemoryEnrollmentStore();
    private final InMemoryContactStore contacts = new InMemoryContactStore();
    private final RecordingOutboundQueue outbound = new RecordingOutboundQueue();
    private final InMemoryTemplateLibrary library = new InMemoryTemplateLibrary()
            .add(template(ACME, "welcome")).add(template(ACME, "follow-up")).add(template(ACME, "farewell"))
            .add(template(GLOBEX, "welcome")).add(template(ACME, "slow",
                    "<p>#if($contact.firstName.matches('(.*a){20}c'))yes#{else}no#end</p>"));
    private final MessageRenderer renderer = new MessageRenderer(library, new TemplateCompiler(new TemplateSandbox()),
            Clock.fixed(T0, ZoneOffset.UTC));

    @Test
    void aDueStepIsRenderedAndQueuedUnderItsStableIdWithAVerpReturnPath() {
        EmailHash ana = enroll(ACME, "welcome", "Ana@gmail.com", "Ana", "fr", T0);

        DueSteps.Report report = runAt(T0);

        assertThat(report).isEqualTo(new DueSteps.Report(1, 0, 0));
        String id = TestMessageIds.IDS.forStep(ACME, "welcome", ana.hex(), 0);
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(outbound.messages()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(id);
            assertThat(m.tenantId()).isEqualTo(ACME);
            assertThat(m.campaignId()).isEqualTo("welcome");
            assertThat(m.step()).isZero();
            assertThat(m.contactId()).isEqualTo(ana.hex());
            assertThat(m.recipient()).isEqualTo("Ana@gmail.com");
            assertThat(m.fromAddress()).isEqualTo("hello@acme.test");
            assertThat(m.fromName()).isEqualTo("Acme Team");
            assertThat(m.returnPath()).isEqualTo("b+" + id + "@bounces.acme.test");
            assertThat(m.subject()).isEqualTo("Bonjour Ana");
            assertThat(m.html()).contains("welcome Ana").contains("https://acme.test/ee/unsubscribe/" + id);
            assertThat(m.text()).contains("welcome Ana");
            assertThat(m.language()).isEqualTo("fr");
            assertThat(m.createdAt()).isEqualTo(T0);
        });
    }

    @Test
    void theContactsLanguageIsUsedAndATemplateLanguageItLacksFallsBackToTheTenantDefault() {
        enroll(ACME, "welcome", "ana@gmail.com", "Ana", "en", T0);
        enroll(ACME, "welcome", "bob@gmail.com", "Bob", "ar", T0);

        runAt(T0);

        assertThat(outbound.messages()).extracting(OutboundMessage::recipient, OutboundMessage::language, OutboundMessage::subject)
                .containsExactlyInAnyOrder(tuple("ana@gmail.com", "en", "Hello Ana"),
                        tuple("bob@gmail.com", "fr", "Bonjour Bob"));
    }

    @Test
    void afterQueueingTheEnrollmentIsDueAgainWhenTheNextStepsDelayHasPassed() {
        EmailHash ana = enroll(ACME, "welcome", "ana@gmail.com", "Ana", "fr", T0);
        runAt(T0);
        Instant next = T0.plus(Duration.ofDays(3));

        DueSteps.Report early = runAt(next.minusSeconds(1));
        DueSteps.Report due = runAt(next);

        assertThat(early).isEqualTo(new DueSteps.Report(0, 0, 0));
        assertThat(due).isEqualTo(new DueSteps.Report(1, 0, 0));
        assertThat(outbound.messages()).extracting(OutboundMessage::step, OutboundMessage::id, OutboundMessage::subject)
                .containsExactly(tuple(0, TestMessageIds.IDS.forStep(ACME, "welcome", ana.hex(), 0), "Bonjour Ana"),
                        tuple(1, TestMessageIds.IDS.forStep(ACME, "welcome", ana.hex(), 1), "Bonjour Ana"));
        assertThat(outbound.messages().get(1).html()).contains("follow-up Ana");
        assertThat(enrollment(ACME, "welcome", ana).enrollment()).satisfies(e -> {
            assertThat(e.nextStep()).isEqualTo(2);
            assertThat(e.dueAt()).contains(next.plus(Duration.ofDays(7)));
        });
    }

    @Test
    void theLastStepFinishesTheEnrollment() {
        EmailHash ana = enroll(ACME, "oneshot", "ana@gmail.com", "Ana", "fr", T0);

        DueSteps.Report first = runAt(T0);
        DueSteps.Report later = runAt(T0.plus(Duration.ofDays(365)));

        assertThat(first.queued()).isEqualTo(1);
        assertThat(later).isEqualTo(new DueSteps.Report(0, 0, 0));
        assertThat(outbound.messages()).hasSize(1);
        InMemoryEnrollmentStore.Item item = enrollment(ACME, "oneshot", ana);
        assertThat(item.state()).isEqualTo("finished");
        assertThat(item.enrollment().nextStep()).isEqualTo(1);
        assertThat(item.enrollment().dueAt()).isEmpty();
    }

    @Test
    void theMessageIsQueuedBeforeTheEnrollmentIsAdvancedSoAFailedAdvanceResendsTheSameId() {
        EmailHash ana = enroll(ACME, "oneshot", "ana@gmail.com", "Ana", "fr", T0);
        enrollments.failNextAdvance(new IllegalStateException("enrollments table unreachable"));

        assertThatThrownBy(() -> runAt(T0)).hasMessageContaining("unreachable");
        assertThat(outbound.messages()).as("queued before the advance was tried").hasSize(1);
        assertThat(enrollments.due(ACME, T0, BATCH_LIMIT)).as("the step is still due").hasSize(1);

        DueSteps.Report retry = runAt(T0.plusSeconds(60));

        assertThat(retry).isEqualTo(new DueSteps.Report(1, 0, 0));
        assertThat(outbound.messages()).extracting(OutboundMessage::id)
                .containsExactly(TestMessageIds.IDS.forStep(ACME, "oneshot", ana.hex(), 0), TestMessageIds.IDS.forStep(ACME, "oneshot", ana.hex(), 0));
        assertThat(enrollment(ACME, "oneshot", ana).state()).isEqualTo("finished");
    }

    @Test
    void anOverlappingRunQueuesTheSameIdAgainButAdvancesTheEnrollmentOnlyOnce() {
        EmailHash ana = enroll(ACME, "welcome", "ana@gmail.com", "Ana", "fr", T0);
        // A second run starts after this one has read its due steps and finishes before this one sends them.
        EnrollmentStore overtaken = new EnrollmentStore() {
            private boolean overtook;

            @Override
            public boolean enrollIfAbsent(Enrollment enrollment) {
                return enrollments.enrollIfAbsent(enrollment);
            }

            @Override
            public List<Enrollment> due(String tenantId, Instant now, int limit) {
                List<Enrollment> due = enrollments.due(tenantId, now, limit);
                if (!overtook && !due.isEmpty()) {
                    overtook = true;
                    runAt(now);
                }
                return due;
            }

            @Override
            public boolean advance(Enrollment enrollment, int fromStep, Optional<Instant> nextDue) {
                return enrollments.advance(enrollment, fromStep, nextDue);
            }

            @Override
            public boolean postpone(Enrollment enrollment, int step, Instant until) {
                return enrollments.postpone(enrollment, step, until);
            }

            @Override
            public void stop(Enrollment enrollment, String reason) {
                enrollments.stop(enrollment, reason);
            }
        };

        new DueSteps(config.tenants(), config.campaigns(), TestMessageIds.IDS, overtaken, contacts, renderer, outbound, Clock.fixed(T0, ZoneOffset.UTC), BATCH_LIMIT).run();

        String id = TestMessageIds.IDS.forStep(ACME, "welcome", ana.hex(), 0);
        assertThat(outbound.messages()).as("the fleet refuses the repeat by its id").extracting(OutboundMessage::id)
                .containsExactly(id, id);
        assertThat(enrollment(ACME, "welcome", ana).enrollment().nextStep()).as("step 1 is not skipped").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = ContactStatus.class, names = {"BOUNCED", "COMPLAINED", "UNSUBSCRIBED", "INVALID"})
    void aContactNoLongerMailableStopsItsEnrollmentAndGetsNothing(ContactStatus status) {
        EmailHash ana = enroll(ACME, "welcome", "ana@gmail.com", "Ana", "fr", T0);
        contacts.changeStatus(ACME, ana, status, "test", "event-1", T0);

        DueSteps.Report report = runAt(T0);

        assertThat(report).isEqualTo(new DueSteps.Report(0, 1, 0));
        assertThat(outbound.messages()).isEmpty();
        InMemoryEnrollmentStore.Item item = enrollment(ACME, "welcome", ana);
        assertThat(item.state()).isEqualTo("stopped");
        assertThat(item.stopReason()).isEqualTo("contact is " + status.wireName());
        assertThat(enrollments.due(ACME, T0.plus(Duration.ofDays(365)), BATCH_LIMIT)).isEmpty();
    }

    @Test
    void aContactThatIsGoneStopsItsEnrollment() {
        EmailHash ghost = EmailHash.of(EmailAddress.parse("ghost@gmail.com"));
        enrollments.enrollIfAbsent(Enrollment.start(campaign(ACME, "welcome"), ghost, "fr", T0));

        DueSteps.Report report = runAt(T0);

        assertThat(report).isEqualTo(new DueSteps.Report(0, 1, 0));
        assertThat(enrollment(ACME, "welcome", ghost).stopReason()).isEqualTo("contact is gone");
        assertThat(outbound.messages()).isEmpty();
    }

    @Test
    void anEnrollmentInACampaignNoLongerConfiguredIsStopped() {
        Campaign retired = new Campaign("retired", ACME, List.of(new CampaignStep(0, "welcome", 1, Duration.ZERO)));
        EmailHash ana = storeContact(ACME, "ana@gmail.com", "Ana");
        enrollments.enrollIfAbsent(Enrollment.start(retired, ana, "fr", T0));

        DueSteps.Report report = runAt(T0);

        assertThat(report).isEqualTo(new DueSteps.Report(0, 1, 0));
        assertThat(enrollment(ACME, "retired", ana).stopReason()).isEqualTo("campaign ended");
        assertThat(outbound.messages()).isEmpty();
    }

    @Test
    void aPausedCampaignsStepWaitsOutOfTheBatchsWayAndIsSentOnceResumed() {
        EmailHash ana = enroll(ACME, "welcome", "ana@gmail.com", "Ana", "fr", T0);
        enroll(ACME, "oneshot", "bob@gmail.com", "Bob", "fr", T0.plusSeconds(1));
        java.util.concurrent.atomic.AtomicBoolean paused = new java.util.concurrent.atomic.AtomicBoolean(true);
        CampaignLookup lookup = (tenant, id) -> paused.get() && id.equals("welcome")
                ? new CampaignLookup.Found(CampaignLookup.Standing.HELD, config.campaigns().campaign(tenant, id))
                : config.campaigns().find(tenant, id);

        DueSteps.Report whilePaused = runAt(T0, 1, lookup);
        // Held and moved on by HELD_RECHECK, so the next run of one reaches the other campaign's contact.
        DueSteps.Report next = runAt(T0.plusSeconds(60), 1, lookup);

        assertThat(whilePaused).isEqualTo(new DueSteps.Report(0, 0, 0, 1));
        assertThat(enrollment(ACME, "welcome", ana).enrollment().dueAt()).contains(T0.plus(DueSteps.HELD_RECHECK));
        assertThat(enrollment(ACME, "welcome", ana).state()).isEqualTo("active");
        assertThat(next).isEqualTo(new DueSteps.Report(1, 0, 0, 0));
        assertThat(outbound.messages()).extracting(OutboundMessage::recipient).containsExactly("bob@gmail.com");

        paused.set(false);
        DueSteps.Report resumed = runAt(T0.plus(DueSteps.HELD_RECHECK), 1, lookup);

        assertThat(resumed).isEqualTo(new DueSteps.Report(1, 0, 0, 0));
        assertThat(outbound.messages()).extracting(OutboundMessage::recipient).containsExactly("bob@gmail.com", "ana@gmail.com");
    }

    @Test
    void aRenderFailureLeavesTheStepDueCountsFailedAndSpareTheOthers() {
        EmailHash broken = enroll(ACME, "broken", "ana@gmail.com", "Ana", "fr", T0);
        enroll(ACME, "oneshot", "bob@gmail.com", "Bob", "fr", T0);

        DueSteps.Report first = runAt(T0);
        DueSteps.Report second = runAt(T0.plusSeconds(60));

        assertThat(first).isEqualTo(new DueSteps.Report(1, 0, 1));
        assertThat(second).isEqualTo(new DueSteps.Report(0, 0, 1));
        assertThat(outbound.messages()).extracting(OutboundMessage::recipient).containsExactly("bob@gmail.com");
        assertThat(enrollment(ACME, "broken", broken).enrollment().nextStep()).isZero();
        assertThat(enrollment(ACME, "broken", broken).state()).isEqualTo("active");

        // The operator publishes the missing template: the next run sends the step.
        library.add(template(ACME, "missing"));
        DueSteps.Report fixed = runAt(T0.plusSeconds(120));

        assertThat(fixed).isEqualTo(new DueSteps.Report(1, 0, 0));
        assertThat(outbound.messages()).extracting(OutboundMessage::id).endsWith(TestMessageIds.IDS.forStep(ACME, "broken", broken.hex(), 0));
    }

    @Test
    void aTemplateThatRunsOutOfRenderTimeTwiceInARunWaitsForTheNextRunWhileOtherTemplatesAreSent() {
        // Sixty a's make the template's regular expression backtrack for days: every render uses its whole budget.
        for (int i = 0; i < 20; i++) {
            enroll(ACME, "slow", "slow" + i + "@gmail.com", "a".repeat(60), "fr", T0.minusSeconds(60));
        }
        enroll(ACME, "oneshot", "bob@gmail.com", "Bob", "fr", T0);

        Duration budget = Duration.ofMillis(100);
        MessageRenderer tight = new MessageRenderer(library, new TemplateCompiler(new TemplateSandbox(
                new RenderLimits(budget, 1_000_000, 10_000))), Clock.fixed(T0, ZoneOffset.UTC));
        tight.compiled(new TemplateRef(ACME, "slow", 1));

        long start = System.nanoTime();
        DueSteps.Report report = new DueSteps(config.tenants(), config.campaigns(), TestMessageIds.IDS, enrollments, contacts,
                tight, outbound, Clock.fixed(T0, ZoneOffset.UTC), 30).run();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(report).isEqualTo(new DueSteps.Report(1, 0, 20));
        assertThat(outbound.messages()).extracting(OutboundMessage::recipient).containsExactly("bob@gmail.com");
        // Two renders' budgets, not twenty: the other eighteen are not rendered.
        assertThat(took).isLessThan(budget.multipliedBy(DueSteps.OUT_OF_TIME_PER_RUN + 8));
        assertThat(enrollments.due(ACME, T0.plusSeconds(60), 30)).hasSize(20);
    }

    @Test
    void aRunTakesAtMostTheBatchLimitPerTenantEarliestFirstAndLeavesTheRestForTheNextRun() {
        EmailHash third = enroll(ACME, "welcome", "cy@gmail.com", "Cy", "fr", T0.minusSeconds(60));
        EmailHash first = enroll(ACME, "welcome", "ana@gmail.com", "Ana", "fr", T0.minusSeconds(180));
        EmailHash second = enroll(ACME, "welcome", "bob@gmail.com", "Bob", "fr", T0.minusSeconds(120));
        enroll(GLOBEX, "welcome", "dee@gmail.com", "Dee", "en", T0.minusSeconds(60));

        DueSteps.Report run1 = runAt(T0, 2);
        List<String> firstRun = outbound.messages().stream().map(OutboundMessage::contactId).toList();
        DueSteps.Report run2 = runAt(T0.plusSeconds(60), 2);

        assertThat(run1).isEqualTo(new DueSteps.Report(3, 0, 0));
        assertThat(firstRun).containsExactly(first.hex(), second.hex(), EmailHash.of(EmailAddress.parse("dee@gmail.com")).hex());
        assertThat(run2).isEqualTo(new DueSteps.Report(1, 0, 0));
        assertThat(outbound.messages().getLast().contactId()).isEqualTo(third.hex());
    }

    // --- helpers ---

    private DueSteps.Report runAt(Instant now) {
        return runAt(now, BATCH_LIMIT);
    }

    private DueSteps.Report runAt(Instant now, int batchLimit) {
        return runAt(now, batchLimit, config.campaigns());
    }

    private DueSteps.Report runAt(Instant now, int batchLimit, CampaignLookup lookup) {
        return new DueSteps(config.tenants(), lookup, TestMessageIds.IDS, enrollments, contacts, renderer, outbound, Clock.fixed(now, ZoneOffset.UTC), batchLimit).run();
    }

    /** A stored, enrolled contact whose first step falls due at {@code enrolledAt} (the campaigns start without delay). */
    private EmailHash enroll(String tenant, String campaignId, String email, String firstName, String language, Instant enrolledAt) {
        EmailHash id = storeContact(tenant, email, firstName);
        enrollments.enrollIfAbsent(Enrollment.start(campaign(tenant, campaignId), id, language, enrolledAt));
        return id;
    }

    private EmailHash storeContact(String tenant, String email, String firstName) {
        EmailAddress address = EmailAddress.parse(email);
        EmailHash id = EmailHash.of(address);
        contacts.createIfAbsent(new Contact(tenant, id, address.value(), firstName, "fr", "scraper", ContactStatus.ENROLLED, T0));
        return id;
    }

    private Campaign campaign(String tenant, String id) {
        return config.campaigns().campaign(tenant, id).orElseThrow();
    }

    private InMemoryEnrollmentStore.Item enrollment(String tenant, String campaignId, EmailHash contact) {
        return enrollments.item(tenant, campaignId, contact).orElseThrow();
    }

    /** Version 1 of the tenant's template {@code key}, in French and English, naming itself and the contact. */
    private static TemplateVersion template(String tenant, String key) {
        return template(tenant, key, "<p>" + key + " ${contact.firstName}</p><p><a href=\"${links.unsubscribe}\">unsubscribe</a></p>");
    }

    private static TemplateVersion template(String tenant, String key, String html) {
        List<TemplateVariant> variants = List.of(
                new TemplateVariant(LanguageTag.of("fr"), "Bonjour ${contact.firstName}", null, html, null),
                new TemplateVariant(LanguageTag.of("en"), "Hello ${contact.firstName}", null, html, null));
        return new TemplateVersion(new TemplateRef(tenant, key, 1), new TemplateContent(LanguageTag.of("en"), variants,
                TemplateOptions.DEFAULT), Instant.EPOCH, "api", List.of());
    }
}
