package com.emailengine.local.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.contact.Contact;
import com.emailengine.core.contact.ContactStatus;
import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.functions.dynamodb.DynamoContactStore;
import com.emailengine.functions.topology.SystemTopology;
import com.emailengine.local.cloud.LocalEmulators;
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
