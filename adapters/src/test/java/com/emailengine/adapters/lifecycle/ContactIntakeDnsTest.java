package com.emailengine.adapters.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.adapters.dynamodb.DynamoContactStore;
import com.emailengine.adapters.dynamodb.DynamoEnrollmentStore;
import com.emailengine.adapters.dynamodb.DynamoSuppressionList;
import com.emailengine.adapters.sqs.SqsContactQueue;
import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.core.dns.DnsRecord.Type;
import com.emailengine.core.dns.DnsRecord;
import com.emailengine.core.dns.DnsResolvers;
import com.emailengine.core.dns.MailRouteResolver;
import com.emailengine.core.ingest.ContactIntake;
import com.emailengine.core.ingest.ContactSubmission;
import com.emailengine.core.validation.AddressValidator;
import com.emailengine.core.validation.BulkValidator;
import com.emailengine.core.validation.MailRouteCheck;
import com.emailengine.core.validation.SuppressionCheck;
import com.emailengine.core.validation.ValidationData;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.fixtures.EmulatedStage;
import com.emailengine.emulators.fixtures.SharedEmulators;
import com.emailengine.emulators.fixtures.SteppingClock;
import com.emailengine.emulators.fixtures.TestTenants;
import com.emailengine.emulators.internet.DnsZone;
import com.emailengine.emulators.internet.LoopbackDnsServer;
import com.emailengine.platform.topology.SystemTopology;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The intake with DNS from the local server (127.0.7.2) and storage on the emulators: what each DNS answer makes of a
 * contact, and how an unanswered lookup is retried through the queue and never marks an address invalid.
 */
@ExtendWith(SharedEmulators.class)
class ContactIntakeDnsTest {

    private static final AtomicInteger STAGES = new AtomicInteger();
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private EmulatedStage stage;
    private DnsZone zone;
    private LoopbackDnsServer dns;
    private DynamoContactStore contacts;
    private ContactIntake intake;

    @BeforeEach
    void start(LocalEmulators emulators) throws Exception {
        stage = EmulatedStage.provision(emulators, "intakedns" + STAGES.incrementAndGet());
        zone = new DnsZone();
        zone.addZone("dns.test");
        zone.addAll(List.of(
                new DnsRecord("ok.dns.test", Type.MX, 300, "10 mx.ok.dns.test."),
                new DnsRecord("mx.ok.dns.test", Type.A, 300, "127.0.7.21"),
                new DnsRecord("nullmx.dns.test", Type.MX, 300, "0 ."),
                new DnsRecord("slow.dns.test", Type.MX, 300, "10 mx.ok.dns.test.")));
        zone.simulateTimeout("slow.dns.test");
        dns = LoopbackDnsServer.start(zone, new InetSocketAddress("127.0.7.2", 0));
        contacts = new DynamoContactStore(stage.dynamoDb(), stage.table(SystemTopology.CONTACTS_TABLE));
        MailRouteResolver resolver = new MailRouteResolver(
                DnsResolvers.fromSetting("127.0.7.2:" + dns.address().getPort(), Duration.ofMillis(400)), new SteppingClock(START));
        AddressValidator validator = AddressValidator.standard(ValidationData.shipped(),
                new SuppressionCheck(new DynamoSuppressionList(stage.dynamoDb(), stage.table(SystemTopology.SUPPRESSIONS_TABLE))),
                new MailRouteCheck(resolver));
        intake = new ContactIntake(TestTenants.config(), contacts,
                new DynamoEnrollmentStore(stage.dynamoDb(), stage.table(SystemTopology.ENROLLMENTS_TABLE), SystemTopology.ENROLLMENTS_DUE_INDEX),
                new BulkValidator(validator, 8), new SqsContactQueue(stage.sqs(), stage.queueUrl(SystemTopology.CONTACTS_QUEUE)),
                new SteppingClock(START));
    }

    @AfterEach
    void stop() {
        dns.close();
        stage.close();
    }

    @Test
    void eachDnsAnswerDecidesTheContactsStatusAndTheBatchIsLookedUpTogether() {
        List<ContactIntake.Result> results = intake.acceptAll(List.of(submission("ana@ok.dns.test"),
                submission("ben@nullmx.dns.test"), submission("cy@gone.dns.test"), submission("dee@slow.dns.test")));

        assertThat(results).containsExactly(ContactIntake.Result.ENROLLED, ContactIntake.Result.INVALID,
                ContactIntake.Result.INVALID, ContactIntake.Result.RETRY_LATER);
        assertThat(status("ana@ok.dns.test")).isEqualTo("enrolled");
        assertThat(item("ben@nullmx.dns.test").get("findings").l()).extracting(AttributeValue::s).containsExactly("null_mx");
        assertThat(status("ben@nullmx.dns.test")).isEqualTo("invalid");
        assertThat(item("cy@gone.dns.test").get("findings").l()).extracting(AttributeValue::s).containsExactly("nxdomain");
        assertThat(status("dee@slow.dns.test")).as("unknown is never invalid").isEqualTo("new");
        assertThat(item("dee@slow.dns.test").get("verdict").s()).isEqualTo("unknown");
    }

    @Test
    void anUnansweredLookupIsRetriedLaterThroughTheQueueAndSucceedsWhenDnsAnswers() {
        assertThat(intake.accept(submission("dee@slow.dns.test"))).isEqualTo(ContactIntake.Result.RETRY_LATER);
        Map<QueueAttributeName, String> queue = stage.sqs().getQueueAttributes(r -> r
                .queueUrl(stage.queueUrl(SystemTopology.CONTACTS_QUEUE))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        assertThat(queue.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).as("put back with a delay").isEqualTo("1");

        zone.clearFault("slow.dns.test");
        ContactSubmission retried = submission("dee@slow.dns.test").nextAttempt();

        assertThat(intake.accept(retried)).isEqualTo(ContactIntake.Result.ENROLLED);
        assertThat(item("dee@slow.dns.test").get("history").l()).extracting(e -> e.m().get("status").s())
                .containsExactly("new", "valid", "enrolled");
    }

    @Test
    void afterTheLastRetryTheContactIsHeldAsRiskyNeverInvalid() {
        ContactSubmission last = submission("eve@slow.dns.test");
        for (int i = 0; i < ContactIntake.RETRY_DELAYS.size(); i++) {
            last = last.nextAttempt();
        }

        assertThat(intake.accept(last)).isEqualTo(ContactIntake.Result.UNKNOWN);
        assertThat(status("eve@slow.dns.test")).isEqualTo("risky");
    }

    private static ContactSubmission submission(String email) {
        return new ContactSubmission(TestTenants.ALPHA, email, "Ann", "fr", "crm", START, "req-" + email);
    }

    private String status(String email) {
        return contacts.find(TestTenants.ALPHA, EmailHash.of(EmailAddress.parse(email))).map(c -> c.status().wireName()).orElse(null);
    }

    private Map<String, AttributeValue> item(String email) {
        return stage.dynamoDb().getItem(r -> r.tableName(stage.table(SystemTopology.CONTACTS_TABLE)).consistentRead(true)
                .key(Map.of("tenant", AttributeValue.fromS(TestTenants.ALPHA),
                        "contact_id", AttributeValue.fromS(EmailHash.of(EmailAddress.parse(email)).hex())))).item();
    }

}
