package com.emailengine.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.contact.Contact;
import com.emailengine.core.contact.ContactStatus;
import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.fixtures.EmulatedStage;
import com.emailengine.emulators.fixtures.SharedEmulators;
import com.emailengine.emulators.fixtures.TestTenants;
import com.emailengine.platform.topology.SystemTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link DynamoContactStore} against the local DynamoDB (dynalite): conditional writes, forward-only status. */
@ExtendWith(SharedEmulators.class)
class DynamoContactStoreTest {

    private static final Instant CREATED = Instant.parse("2026-03-02T08:15:30.125Z");
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private static EmulatedStage stage;
    private static DynamoContactStore contacts;

    @BeforeAll
    static void provision(LocalEmulators emulators) {
        stage = EmulatedStage.provision(emulators, "contacts");
        contacts = new DynamoContactStore(stage.dynamoDb(), stage.table(SystemTopology.CONTACTS_TABLE));
    }

    @AfterAll
    static void close() {
        stage.close();
    }

    @Test
    void createsAContactOnceAndRefusesTheDuplicateWithoutOverwritingIt() {
        Contact first = contact(ContactStatus.VALID);
        Contact sameAddressAgain = new Contact(first.tenantId(), first.id(), first.email(), "Someone Else", "de", "other-source",
                ContactStatus.NEW, CREATED.plusSeconds(60));

        assertThat(contacts.createIfAbsent(first)).isTrue();
        assertThat(contacts.createIfAbsent(sameAddressAgain)).isFalse();
        assertThat(contacts.find(first.tenantId(), first.id())).contains(first);
    }

    @Test
    void keepsTheSameAddressOfAnotherTenantApart() {
        Contact alphas = contact(ContactStatus.VALID);
        Contact betas = new Contact(TestTenants.BETA, alphas.id(), alphas.email(), null, "en", "crm", ContactStatus.VALID, CREATED);

        assertThat(contacts.createIfAbsent(alphas)).isTrue();
        assertThat(contacts.createIfAbsent(betas)).isTrue();
        assertThat(contacts.find(TestTenants.BETA, alphas.id())).contains(betas);
        assertThat(contacts.find(TestTenants.ALPHA, alphas.id())).contains(alphas);
    }

    @Test
    void findReturnsEveryFieldAsCreated() {
        String address = "Zoë.Ünïcode+" + ADDRESSES.incrementAndGet() + "@Example.test";
        EmailHash id = EmailHash.of(EmailAddress.parse(address));
        Contact full = new Contact(TestTenants.ALPHA, id, EmailAddress.parse(address).value(), "Zoë « Zo » O'Brien", "pt",
                "scraper:maps-2", ContactStatus.RISKY, CREATED);
        Contact withoutName = new Contact(TestTenants.ALPHA, EmailHash.of(EmailAddress.parse("nameless-" + address)),
                "nameless-" + address, null, "en", "csv", ContactStatus.NEW, Instant.parse("2026-03-02T08:15:30Z"));

        contacts.createIfAbsent(full);
        contacts.createIfAbsent(withoutName);

        assertThat(contacts.find(TestTenants.ALPHA, id)).contains(full);
        assertThat(contacts.find(TestTenants.ALPHA, withoutName.id())).contains(withoutName);
        assertThat(contacts.find(TestTenants.ALPHA, new EmailHash("0".repeat(64)))).isEmpty();
        assertThat(contacts.find(TestTenants.BETA, id)).isEmpty();
    }

    @Test
    void movesFromEnrolledToSent() {
        Contact contact = created(ContactStatus.ENROLLED);

        assertThat(change(contact, ContactStatus.SENT, "e1")).isTrue();
        assertThat(statusOf(contact)).isEqualTo(ContactStatus.SENT);
    }

    @Test
    void neverMovesFromSentBackToEnrolled() {
        Contact contact = created(ContactStatus.SENT);

        assertThat(change(contact, ContactStatus.ENROLLED, "e1")).isFalse();
        assertThat(statusOf(contact)).isEqualTo(ContactStatus.SENT);
    }

    @Test
    void neverLeavesBouncedForSent() {
        Contact contact = created(ContactStatus.ENROLLED);
        change(contact, ContactStatus.BOUNCED, "bounce");

        assertThat(change(contact, ContactStatus.SENT, "late-delivery")).isFalse();
        assertThat(statusOf(contact)).isEqualTo(ContactStatus.BOUNCED);
    }

    @Test
    void treatsARepeatedStatusAsNoMove() {
        Contact contact = created(ContactStatus.ENROLLED);
        change(contact, ContactStatus.SENT, "first-delivery");

        assertThat(change(contact, ContactStatus.SENT, "second-delivery")).isFalse();
        assertThat(history(contact)).extracting(entry -> entry.get("status").s()).containsExactly("enrolled", "sent");
    }

    @Test
    void changesNothingForAContactThatDoesNotExist() {
        Contact never = contact(ContactStatus.VALID);

        assertThat(change(never, ContactStatus.SENT, "e1")).isFalse();
        assertThat(contacts.find(never.tenantId(), never.id())).isEmpty();
    }

    static List<Arguments> everyPairOfStatuses() {
        List<Arguments> pairs = new ArrayList<>();
        for (ContactStatus from : ContactStatus.values()) {
            for (ContactStatus to : ContactStatus.values()) {
                pairs.add(Arguments.of(from, to));
            }
        }
        return pairs;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPairOfStatuses")
    void enforcesTheRuleOfContactStatusForEveryPair(ContactStatus from, ContactStatus to) {
        Contact contact = created(from);

        boolean changed = change(contact, to, "move");

        assertThat(changed).isEqualTo(from.mayBecome(to));
        assertThat(statusOf(contact)).isEqualTo(changed ? to : from);
    }

    @Test
    void appendsOneHistoryEntryPerChangeWithStatusReasonAndTime() {
        Contact contact = created(ContactStatus.VALID);
        Instant enrolledAt = CREATED.plus(Duration.ofMinutes(1));
        Instant sentAt = CREATED.plus(Duration.ofMinutes(7));

        contacts.changeStatus(contact.tenantId(), contact.id(), ContactStatus.ENROLLED, "enrolled in welcome", "enroll:welcome", enrolledAt);
        contacts.changeStatus(contact.tenantId(), contact.id(), ContactStatus.SENT, "delivered m1", "m1:1:delivered", sentAt);

        assertThat(history(contact)).containsExactly(
                Map.of("status", AttributeValue.fromS("valid"), "reason", AttributeValue.fromS("created from test"),
                        "at", AttributeValue.fromS(CREATED.toString())),
                Map.of("status", AttributeValue.fromS("enrolled"), "reason", AttributeValue.fromS("enrolled in welcome"),
                        "at", AttributeValue.fromS(enrolledAt.toString())),
                Map.of("status", AttributeValue.fromS("sent"), "reason", AttributeValue.fromS("delivered m1"),
                        "at", AttributeValue.fromS(sentAt.toString())));
    }

    @Test
    void appliesTheSameEventOnlyOnce() {
        Contact contact = created(ContactStatus.ENROLLED);

        assertThat(change(contact, ContactStatus.SENT, "m1:1:delivered")).isTrue();
        assertThat(change(contact, ContactStatus.SENT, "m1:1:delivered")).isFalse();
        assertThat(history(contact)).hasSize(2);
    }

    @Test
    void refusesAnEventIdAlreadyAppliedEvenForAMoveTheRuleWouldAllow() {
        Contact contact = created(ContactStatus.ENROLLED);
        change(contact, ContactStatus.SENT, "m1:1:delivered");

        assertThat(change(contact, ContactStatus.BOUNCED, "m1:1:delivered")).isFalse();
        assertThat(change(contact, ContactStatus.BOUNCED, "m1:2:bounced")).isTrue();
        assertThat(history(contact)).extracting(entry -> entry.get("status").s()).containsExactly("enrolled", "sent", "bounced");
    }

    @Test
    void concurrentChangesFromSeveralThreadsNeverMoveBackwards() throws Exception {
        Contact contact = created(ContactStatus.VALID);
        List<ContactStatus> moves = List.of(ContactStatus.RISKY, ContactStatus.VALID, ContactStatus.ENROLLED, ContactStatus.SENT,
                ContactStatus.BOUNCED, ContactStatus.COMPLAINED, ContactStatus.UNSUBSCRIBED);
        int threads = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<String> observed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger changes = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads + 1)) {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    List<ContactStatus> mine = new ArrayList<>(moves);
                    Collections.rotate(mine, thread);
                    if (thread % 2 == 1) {
                        Collections.reverse(mine);
                    }
                    start.await();
                    for (ContactStatus status : mine) {
                        if (change(contact, status, "thread-" + thread + ":" + status)) {
                            changes.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            Future<?> reader = pool.submit(() -> {
                start.await();
                for (int i = 0; i < 40; i++) {
                    observed.add(statusOf(contact).name());
                }
                return null;
            });
            start.countDown();
            for (Future<?> future : work) {
                future.get();
            }
            reader.get();
        }

        List<ContactStatus> path = history(contact).stream()
                .map(entry -> ContactStatus.valueOf(entry.get("status").s().toUpperCase(Locale.ROOT))).toList();
        assertThat(path).hasSize(changes.get() + 1);
        for (int i = 1; i < path.size(); i++) {
            assertThat(path.get(i - 1).mayBecome(path.get(i))).as("history step %s -> %s", path.get(i - 1), path.get(i)).isTrue();
        }
        assertThat(path.getLast()).isEqualTo(statusOf(contact));
        assertThat(statusOf(contact).mailable()).isFalse();
        List<Integer> ranksSeen = observed.stream().map(name -> ContactStatus.valueOf(name).rank()).toList();
        assertThat(ranksSeen).isSorted();
    }

    @Test
    void historyAndRememberedEventsKeepOnlyTheNewestEntries() {
        Contact contact = created(ContactStatus.VALID);
        int changes = DynamoContactStore.HISTORY_CAP + 10;
        for (int i = 1; i <= changes; i++) {
            // valid and risky share a rank, so a contact may move between them as often as validation says
            assertThat(change(contact, i % 2 == 1 ? ContactStatus.RISKY : ContactStatus.VALID, "flip:" + i)).isTrue();
        }

        assertThat(history(contact)).hasSize(DynamoContactStore.HISTORY_CAP);
        assertThat(history(contact).getLast().get("reason").s()).isEqualTo("because flip:" + changes);
        assertThat(item(contact).get("recent_events").l()).hasSize(DynamoContactStore.HISTORY_CAP)
                .last().extracting(AttributeValue::s).isEqualTo("flip:" + changes);
        assertThat(change(contact, ContactStatus.RISKY, "flip:" + changes)).as("a remembered event").isFalse();
    }

    @Test
    void anEventRememberedInTheSetOfOlderItemsIsStillAppliedOnlyOnce() {
        Contact contact = created(ContactStatus.ENROLLED);
        stage.dynamoDb().updateItem(r -> r.tableName(stage.table(SystemTopology.CONTACTS_TABLE))
                .key(Map.of("tenant", AttributeValue.fromS(contact.tenantId()), "contact_id", AttributeValue.fromS(contact.id().hex())))
                .updateExpression("ADD applied_events :e").expressionAttributeValues(Map.of(":e", AttributeValue.fromSs(List.of("m9:1:delivered")))));

        assertThat(change(contact, ContactStatus.SENT, "m9:1:delivered")).isFalse();
        assertThat(change(contact, ContactStatus.SENT, "m9:2:delivered")).isTrue();
    }

    @Test
    void existingTellsWhichOfManyContactsAreStored() {
        List<EmailHash> ids = new java.util.ArrayList<>();
        java.util.Set<EmailHash> stored = new java.util.HashSet<>();
        for (int i = 0; i < 250; i++) {
            Contact contact = contact(ContactStatus.VALID);
            ids.add(contact.id());
            if (i % 3 == 0) {
                contacts.createIfAbsent(contact);
                stored.add(contact.id());
            }
        }

        assertThat(contacts.existing(TestTenants.ALPHA, ids)).isEqualTo(stored);
        assertThat(contacts.existing(TestTenants.BETA, ids)).isEmpty();
    }

    @Test
    void aLaterSubmissionReplacesGivenFieldsAndAnOlderOneProcessedLateOnlyFillsGaps() {
        Contact contact = contact(ContactStatus.VALID);
        Instant t0 = CREATED;
        contacts.createIfAbsent(contact, update(t0, Map.of("company", "First Ltd", "city", "Lyon"),
                Map.of("language", "fr", "language_source", "country")));

        assertThat(contacts.merge(contact.tenantId(), contact.id(), update(t0.plusSeconds(60),
                Map.of("company", "Second Ltd", "language", "de"), Map.of("country", "DE", "country_source", "email-tld")))).isTrue();
        assertThat(contacts.merge(contact.tenantId(), contact.id(), update(t0.plusSeconds(30),
                Map.of("company", "Stale Ltd", "phone", "+49 30 1234567"), Map.of("country", "AT", "category", "legal")))).isTrue();

        Map<String, AttributeValue> item = item(contact);
        assertThat(item.get("company").s()).as("given later: replaced; older given: ignored").isEqualTo("Second Ltd");
        assertThat(item.get("city").s()).as("absent later: kept").isEqualTo("Lyon");
        assertThat(item.get("language").s()).as("given beats derived").isEqualTo("de");
        assertThat(item.get("country").s()).as("derived fills a gap once").isEqualTo("DE");
        assertThat(item.get("phone").s()).as("an older submission fills a gap").isEqualTo("+49 30 1234567");
        assertThat(item.get("category").s()).isEqualTo("legal");
        assertThat(item.get("sources").ss()).containsExactlyInAnyOrder("crawler", "crawler-2");
        assertThat(item.get("status").s()).as("a merge never moves the status").isEqualTo("valid");
        assertThat(contacts.merge(TestTenants.BETA, contact.id(), update(t0, Map.of(), Map.of()))).as("no such contact").isFalse();
    }

    private static com.emailengine.core.contact.ContactUpdate update(Instant at, Map<String, Object> given, Map<String, Object> derived) {
        return new com.emailengine.core.contact.ContactUpdate(at.equals(CREATED) ? "crawler" : "crawler-2", "maps", given, derived, at,
                "req-" + at.getEpochSecond(), "valid", List.of());
    }

    private static Map<String, AttributeValue> item(Contact contact) {
        return stage.dynamoDb().getItem(r -> r.tableName(stage.table(SystemTopology.CONTACTS_TABLE)).consistentRead(true)
                .key(Map.of("tenant", AttributeValue.fromS(contact.tenantId()), "contact_id", AttributeValue.fromS(contact.id().hex()))))
                .item();
    }

    private static Contact contact(ContactStatus status) {
        String address = "contact" + ADDRESSES.incrementAndGet() + "@example.test";
        return new Contact(TestTenants.ALPHA, EmailHash.of(EmailAddress.parse(address)), address, "Ann", "fr", "test", status, CREATED);
    }

    private static Contact created(ContactStatus status) {
        Contact contact = contact(status);
        assertThat(contacts.createIfAbsent(contact)).isTrue();
        return contact;
    }

    private static boolean change(Contact contact, ContactStatus status, String eventId) {
        return contacts.changeStatus(contact.tenantId(), contact.id(), status, "because " + eventId, eventId, CREATED.plusSeconds(1));
    }

    private static ContactStatus statusOf(Contact contact) {
        return contacts.find(contact.tenantId(), contact.id()).orElseThrow().status();
    }

    private static List<Map<String, AttributeValue>> history(Contact contact) {
        Map<String, AttributeValue> item = stage.dynamoDb().getItem(r -> r.tableName(stage.table(SystemTopology.CONTACTS_TABLE))
                .consistentRead(true)
                .key(Map.of("tenant", AttributeValue.fromS(contact.tenantId()), "contact_id", AttributeValue.fromS(contact.id().hex()))))
                .item();
        return item.get("history").l().stream().map(AttributeValue::m).toList();
    }
}
