package com.emailengine.adapters.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.emailengine.adapters.dynamodb.DynamoContactStore;
import com.emailengine.adapters.dynamodb.DynamoEnrollmentStore;
import com.emailengine.adapters.dynamodb.DynamoSuppressionList;
import com.emailengine.adapters.sqs.SqsContactQueue;
import com.emailengine.adapters.sqs.SqsOutboundQueue;
import com.emailengine.core.campaign.DueSteps;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.contact.Contact;
import com.emailengine.core.contact.ContactStatus;
import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.core.delivery.DeliveryEvent;
import com.emailengine.core.delivery.DeliveryOutcome;
import com.emailengine.core.delivery.MessageIds;
import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.core.feedback.DeliveryFeedback;
import com.emailengine.core.ingest.ContactIntake;
import com.emailengine.core.ingest.ContactSubmission;
import com.emailengine.core.json.Json;
import com.emailengine.core.templating.ClasspathTemplateLibrary;
import com.emailengine.core.templating.MessageRenderer;
import com.emailengine.core.validation.AddressValidator;
import com.emailengine.core.validation.BulkValidator;
import com.emailengine.core.validation.ValidationData;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.fixtures.EmulatedStage;
import com.emailengine.emulators.fixtures.SharedEmulators;
import com.emailengine.emulators.fixtures.SteppingClock;
import com.emailengine.emulators.fixtures.TestTenants;
import com.emailengine.platform.topology.SystemTopology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The contact's way through the engine's use cases on the emulators, without HTTP or SMTP: intake stores
 * and enrolls ({@link ContactIntake}), the scheduler renders and queues due steps ({@link DueSteps}), the
 * fleet's events update the contact ({@link DeliveryFeedback}). Each test gets a stage of its own, since
 * a scheduler run looks at every due enrollment.
 */
@ExtendWith(SharedEmulators.class)
class ContactLifecycleTest {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final MessageIds IDS = new MessageIds("adapter tests: a key of thirty-two bytes or more".getBytes(StandardCharsets.UTF_8));
    private static final AtomicInteger STAGES = new AtomicInteger();
    private static final String ALPHA_OUTBOUND = SystemTopology.outboundQueue(TestTenants.ALPHA);
    private static final String BETA_OUTBOUND = SystemTopology.outboundQueue(TestTenants.BETA);

    private final EngineConfig config = TestTenants.config();
    private final SteppingClock clock = new SteppingClock(START);
    private EmulatedStage stage;
    private DynamoContactStore contacts;
    private DynamoEnrollmentStore enrollments;
    private ContactIntake intake;
    private DueSteps dueSteps;
    private DeliveryFeedback feedback;
    private DynamoSuppressionList suppressions;

    @BeforeEach
    void provision(LocalEmulators emulators) {
        stage = EmulatedStage.provision(emulators, "life" + STAGES.incrementAndGet());
        contacts = new DynamoContactStore(stage.dynamoDb(), stage.table(SystemTopology.CONTACTS_TABLE));
        enrollments = new DynamoEnrollmentStore(stage.dynamoDb(), stage.table(SystemTopology.ENROLLMENTS_TABLE), SystemTopology.ENROLLMENTS_DUE_INDEX);
        // Offline validation: these tests follow the contact's life, DNS has tests of its own (ContactIntakeDnsTest).
        intake = new ContactIntake(config, contacts, enrollments,
                new BulkValidator(AddressValidator.standard(ValidationData.shipped(), null, null), 4),
                new SqsContactQueue(stage.sqs(), stage.queueUrl(SystemTopology.CONTACTS_QUEUE)), clock);
        dueSteps = new DueSteps(config.tenants(), config.campaigns(), IDS, enrollments, contacts,
                new MessageRenderer(new ClasspathTemplateLibrary(getClass().getClassLoader())),
                new SqsOutboundQueue(stage.sqs(), tenant -> stage.queueUrl(SystemTopology.outboundQueue(tenant))), clock, 100);
        suppressions = new DynamoSuppressionList(stage.dynamoDb(), stage.table(SystemTopology.SUPPRESSIONS_TABLE));
        feedback = new DeliveryFeedback(contacts, suppressions);
    }

    @AfterEach
    void close() {
        stage.close();
    }

    @Test
    void aSubmissionCreatesOneContactAndOneEnrollment() {
        ContactIntake.Result result = intake.accept(submission(TestTenants.ALPHA, "ana@example.test", "pt"));

        assertThat(result).isEqualTo(ContactIntake.Result.ENROLLED);
        EmailHash id = idOf("ana@example.test");
        Contact stored = contacts.find(TestTenants.ALPHA, id).orElseThrow();
        assertThat(stored.email()).isEqualTo("ana@example.test");
        assertThat(stored.firstName()).isEqualTo("Ana");
        assertThat(stored.language()).isEqualTo("pt");
        assertThat(stored.source()).isEqualTo("crm");
        assertThat(stored.status()).isEqualTo(ContactStatus.ENROLLED);
        assertThat(contactItems()).hasSize(1);
        assertThat(enrollmentItems()).singleElement().satisfies(item -> {
            assertThat(item.get("tenant_campaign").s()).isEqualTo("alpha#welcome");
            assertThat(item.get("contact_id").s()).isEqualTo(id.hex());
            assertThat(item.get("state").s()).isEqualTo("active");
        });
    }

    @Test
    void theSameAddressPostedTwiceWithDifferentCaseIsOneContact() {
        ContactIntake.Result first = intake.accept(submission(TestTenants.ALPHA, "Bob.Smith@Example.TEST", null));
        ContactIntake.Result second = intake.accept(submission(TestTenants.ALPHA, "bob.smith@example.test", null));

        assertThat(first).isEqualTo(ContactIntake.Result.ENROLLED);
        assertThat(second).isEqualTo(ContactIntake.Result.DUPLICATE);
        assertThat(contactItems()).singleElement()
                .satisfies(item -> assertThat(item.get("email").s()).isEqualTo("Bob.Smith@example.test"));
        assertThat(enrollmentItems()).hasSize(1);
    }

    @Test
    void submissionsOfOneAddressRacingEachOtherMakeOneContactAndOneEnrollment() throws Exception {
        List<String> spellings = List.of("Race@example.test", "race@EXAMPLE.test", "RACE@example.TEST", "race@example.test",
                "rAcE@Example.Test", "Race@Example.test");
        CountDownLatch start = new CountDownLatch(1);
        List<ContactIntake.Result> results = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(spellings.size())) {
            List<Future<?>> work = spellings.stream().<Future<?>>map(spelling ->
                    pool.submit(() -> {
                        start.await();
                        results.add(intake.accept(submission(TestTenants.ALPHA, spelling, "en")));
                        return null;
                    })).toList();
            start.countDown();
            for (Future<?> future : work) {
                future.get();
            }
        }

        assertThat(results).hasSize(spellings.size()).doesNotContain(ContactIntake.Result.REJECTED, ContactIntake.Result.NOT_MAILABLE);
        assertThat(contactItems()).singleElement().satisfies(item -> assertThat(item.get("history").l())
                .extracting(entry -> entry.m().get("status").s()).containsExactly("valid", "enrolled"));
        assertThat(enrollmentItems()).hasSize(1);
        assertThat(dueSteps.run().queued()).isEqualTo(1);
    }

    @Test
    void anUnsubscribedContactIsNotReEnrolledAndItsDueEnrollmentIsStopped() {
        intake.accept(submission(TestTenants.ALPHA, "carla@example.test", "es"));
        EmailHash id = idOf("carla@example.test");
        contacts.changeStatus(TestTenants.ALPHA, id, ContactStatus.UNSUBSCRIBED, "clicked unsubscribe", "unsub:1", START);

        ContactIntake.Result again = intake.accept(submission(TestTenants.ALPHA, "Carla@example.test", "es"));
        DueSteps.Report run = dueSteps.run();

        assertThat(again).isEqualTo(ContactIntake.Result.NOT_MAILABLE);
        assertThat(contacts.find(TestTenants.ALPHA, id).orElseThrow().status()).isEqualTo(ContactStatus.UNSUBSCRIBED);
        assertThat(run).isEqualTo(new DueSteps.Report(0, 1, 0));
        assertThat(enrollments.due(TestTenants.ALPHA, START.plus(Duration.ofDays(365)), 10)).isEmpty();
        assertThat(enrollmentItems()).singleElement().satisfies(item -> {
            assertThat(item.get("state").s()).isEqualTo("stopped");
            assertThat(item.get("stop_reason").s()).isEqualTo("contact is unsubscribed");
        });
        assertThat(stage.messagesOn(ALPHA_OUTBOUND)).isZero();
    }

    @Test
    void aBouncedContactIsNotReEnrolledAndItsDueEnrollmentIsStopped() {
        intake.accept(submission(TestTenants.BETA, "dan@example.test", "en"));
        EmailHash id = idOf("dan@example.test");
        boolean bounced = feedback.apply(event(TestTenants.BETA, id, DeliveryOutcome.BOUNCED, "550 5.1.1 user unknown"));

        ContactIntake.Result again = intake.accept(submission(TestTenants.BETA, "dan@example.test", "en"));
        DueSteps.Report run = dueSteps.run();

        assertThat(bounced).isTrue();
        assertThat(again).isEqualTo(ContactIntake.Result.NOT_MAILABLE);
        // 5.1.1: the mailbox does not exist, for any tenant.
        assertThat(suppressions.suppressed(TestTenants.ALPHA, List.of(id))).containsExactly(id);
        assertThat(run).isEqualTo(new DueSteps.Report(0, 1, 0));
        assertThat(enrollmentItems()).singleElement()
                .satisfies(item -> assertThat(item.get("stop_reason").s()).isEqualTo("contact is bounced"));
        assertThat(stage.messagesOn(BETA_OUTBOUND)).isZero();
    }

    @Test
    void aComplaintAfterDeliveryMarksTheContactComplainedAndStopsItsNextStep() {
        intake.accept(submission(TestTenants.BETA, "eli@example.test", "en"));
        EmailHash id = idOf("eli@example.test");
        feedback.apply(event(TestTenants.BETA, id, DeliveryOutcome.DELIVERED, "250 2.0.0 queued"));

        boolean complained = feedback.apply(event(TestTenants.BETA, id, DeliveryOutcome.COMPLAINED, "feedback report raw/r1.eml"));
        DueSteps.Report run = dueSteps.run();

        assertThat(complained).isTrue();
        assertThat(contacts.find(TestTenants.BETA, id).orElseThrow().status()).isEqualTo(ContactStatus.COMPLAINED);
        assertThat(suppressions.suppressed(TestTenants.BETA, List.of(id))).containsExactly(id);
        assertThat(suppressions.suppressed(TestTenants.ALPHA, List.of(id))).as("a complaint is about one tenant").isEmpty();
        assertThat(run).isEqualTo(new DueSteps.Report(0, 1, 0));
        assertThat(stage.messagesOn(BETA_OUTBOUND)).isZero();
    }

    @Test
    void dueStepsQueuesOneMessagePerDueStepWithAStableIdAndTheContactsLanguage() {
        intake.accept(submission(TestTenants.ALPHA, "eva@example.test", "de"));
        intake.accept(submission(TestTenants.ALPHA, "fred@example.test", null));
        intake.accept(submission(TestTenants.BETA, "gus@example.test", "zz-Unknown"));

        DueSteps.Report first = dueSteps.run();

        assertThat(first).isEqualTo(new DueSteps.Report(3, 0, 0));
        List<OutboundMessage> alpha = outbound(ALPHA_OUTBOUND);
        List<OutboundMessage> beta = outbound(BETA_OUTBOUND);
        assertThat(alpha).extracting(OutboundMessage::recipient, OutboundMessage::language)
                .containsExactlyInAnyOrder(tuple("eva@example.test", "de"),
                        tuple("fred@example.test", "fr"));
        assertThat(beta).extracting(OutboundMessage::recipient, OutboundMessage::language)
                .containsExactly(tuple("gus@example.test", "en"));
        OutboundMessage eva = alpha.stream().filter(m -> m.recipient().startsWith("eva")).findFirst().orElseThrow();
        String evaId = idOf("eva@example.test").hex();
        assertThat(eva.id()).isEqualTo(IDS.forStep(TestTenants.ALPHA, TestTenants.WELCOME, evaId, 0));
        assertThat(eva.contactId()).isEqualTo(evaId);
        assertThat(eva.tenantId()).isEqualTo(TestTenants.ALPHA);
        assertThat(eva.campaignId()).isEqualTo(TestTenants.WELCOME);
        assertThat(eva.step()).isZero();
        assertThat(eva.fromAddress()).isEqualTo("hello@alpha.test");
        assertThat(eva.returnPath()).isEqualTo("b+" + eva.id() + "@bounces.alpha.test");
        assertThat(eva.subject()).isNotBlank();
        assertThat(eva.html()).contains("Eva");
        assertThat(eva.createdAt()).isEqualTo(START);

        assertThat(dueSteps.run()).isEqualTo(new DueSteps.Report(0, 0, 0));
        assertThat(stage.messagesOn(ALPHA_OUTBOUND)).isZero();
        assertThat(stage.messagesOn(BETA_OUTBOUND)).isZero();
    }

    @Test
    void theNextStepIsQueuedWhenItFallsDueAndTheEnrollmentThenFinishes() {
        intake.accept(submission(TestTenants.ALPHA, "hana@example.test", "it"));
        String contactId = idOf("hana@example.test").hex();
        dueSteps.run();
        outbound(ALPHA_OUTBOUND);

        clock.advance(Duration.ofDays(2).minusSeconds(1));
        DueSteps.Report early = dueSteps.run();
        clock.advance(Duration.ofSeconds(1));
        DueSteps.Report due = dueSteps.run();
        List<OutboundMessage> second = outbound(ALPHA_OUTBOUND);
        DueSteps.Report after = dueSteps.run();

        assertThat(early.queued()).isZero();
        assertThat(due.queued()).isEqualTo(1);
        assertThat(second).singleElement().satisfies(m -> {
            assertThat(m.step()).isEqualTo(1);
            assertThat(m.language()).isEqualTo("it");
            assertThat(m.id()).isEqualTo(IDS.forStep(TestTenants.ALPHA, TestTenants.WELCOME, contactId, 1));
        });
        assertThat(after.queued()).isZero();
        assertThat(enrollmentItems()).singleElement().satisfies(item -> assertThat(item.get("state").s()).isEqualTo("finished"));
    }

    @Test
    void deliveryFeedbackMarksTheContactSentOncePerEvent() {
        intake.accept(submission(TestTenants.BETA, "ines@example.test", "en"));
        EmailHash id = idOf("ines@example.test");
        DeliveryEvent delivered = event(TestTenants.BETA, id, DeliveryOutcome.DELIVERED, "250 2.0.0 queued");
        DeliveryEvent deferred = event(TestTenants.BETA, id, DeliveryOutcome.DEFERRED, "421 4.7.0 try later");

        assertThat(feedback.apply(deferred)).isFalse();
        assertThat(feedback.apply(delivered)).isTrue();
        assertThat(feedback.apply(delivered)).isFalse();

        assertThat(contacts.find(TestTenants.BETA, id).orElseThrow().status()).isEqualTo(ContactStatus.SENT);
        assertThat(contactItems()).singleElement().satisfies(item -> assertThat(item.get("history").l())
                .extracting(entry -> entry.m().get("status").s()).containsExactly("valid", "enrolled", "sent"));
    }

    private static ContactSubmission submission(String tenant, String email, String language) {
        String firstName = Character.toUpperCase(email.charAt(0)) + email.substring(1, email.indexOf('@')).split("\\.")[0];
        return new ContactSubmission(tenant, email, firstName, language, "crm", START, "req-" + email);
    }

    private static EmailHash idOf(String email) {
        return EmailHash.of(EmailAddress.parse(email));
    }

    private DeliveryEvent event(String tenant, EmailHash contact, DeliveryOutcome outcome, String reply) {
        String messageId = IDS.forStep(tenant, TestTenants.WELCOME, contact.hex(), 0);
        return new DeliveryEvent(messageId + ":1:" + outcome.wireName(), messageId, tenant, contact.hex(), TestTenants.WELCOME,
                0, 1, outcome, "someone@example.test", "127.0.4.101", "mx1.example.test", reply, clock.instant());
    }

    private List<OutboundMessage> outbound(String queue) {
        return stage.drain(queue).stream().map(body -> Json.read(body, OutboundMessage.class)).toList();
    }

    private List<Map<String, AttributeValue>> contactItems() {
        return stage.dynamoDb().scan(r -> r.tableName(stage.table(SystemTopology.CONTACTS_TABLE)).consistentRead(true)).items();
    }

    private List<Map<String, AttributeValue>> enrollmentItems() {
        return stage.dynamoDb().scan(r -> r.tableName(stage.table(SystemTopology.ENROLLMENTS_TABLE)).consistentRead(true)).items();
    }
}
