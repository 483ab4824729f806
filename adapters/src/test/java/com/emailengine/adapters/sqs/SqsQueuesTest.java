package com.emailengine.adapters.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.core.ingest.ContactSubmission;
import com.emailengine.core.json.Json;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.fixtures.EmulatedStage;
import com.emailengine.emulators.fixtures.SharedEmulators;
import com.emailengine.emulators.fixtures.TestTenants;
import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/** The SQS adapters against the local SQS (ElasticMQ): bodies, attributes and which queue a message lands on. */
@ExtendWith(SharedEmulators.class)
class SqsQueuesTest {

    private static EmulatedStage stage;

    @BeforeAll
    static void provision(LocalEmulators emulators) {
        stage = EmulatedStage.provision(emulators, "queues");
    }

    @AfterAll
    static void close() {
        stage.close();
    }

    @Test
    void queueUrlsTakesTheUrlHandedOverInSettingsWithoutAskingSqs() {
        String handedOver = "http://elsewhere.invalid/000000000000/handed-over";
        QueueUrls urls = new QueueUrls(Settings.of(Map.of(ResourceNames.queueUrlSetting(SystemTopology.EVENTS_QUEUE), handedOver)),
                stage.names(), stage.sqs());

        assertThat(urls.url(SystemTopology.EVENTS_QUEUE)).isEqualTo(handedOver);
    }

    @Test
    void queueUrlsAsksSqsForAQueueTheSettingsDoNotName() {
        QueueUrls urls = new QueueUrls(Settings.of(Map.of()), stage.names(), stage.sqs());

        assertThat(urls.url(SystemTopology.outboundQueue(TestTenants.BETA)))
                .isEqualTo(stage.queueUrl(SystemTopology.outboundQueue(TestTenants.BETA)));
    }

    @Test
    void outboundMessagesGoToTheirTenantsQueueAndRoundTrip() {
        SqsOutboundQueue queue = new SqsOutboundQueue(stage.sqs(), tenant -> stage.queueUrl(SystemTopology.outboundQueue(tenant)));
        OutboundMessage forBeta = new OutboundMessage("0123456789abcdef0123456789abcdef", TestTenants.BETA, "welcome", 0,
                "c0ffee", "zoë@example.test", "hello@beta.test", "Beta « news »", "b+0123@bounces.beta.test", "Grüße ✓",
                "<p>html</p>", "text\r\nline", "de", Instant.parse("2026-03-02T09:00:00.123456Z"));

        queue.enqueue(forBeta);

        Message received = receiveOne(SystemTopology.outboundQueue(TestTenants.BETA));
        assertThat(Json.read(received.body(), OutboundMessage.class)).isEqualTo(forBeta);
        assertThat(received.messageAttributes().get("message_id").stringValue()).isEqualTo(forBeta.id());
        assertThat(stage.messagesOn(SystemTopology.outboundQueue(TestTenants.ALPHA))).isZero();
    }

    @Test
    void submissionsGoToTheContactsQueueWithTheTenantAsAttribute() {
        SqsContactQueue queue = new SqsContactQueue(stage.sqs(), stage.queueUrl(SystemTopology.CONTACTS_QUEUE));
        ContactSubmission submission = new ContactSubmission(TestTenants.ALPHA, "ana@example.test", null, "pt-BR", "crm",
                Instant.parse("2026-03-02T09:00:00Z"), "req-1");

        String messageId = queue.submit(submission);

        Message received = receiveOne(SystemTopology.CONTACTS_QUEUE);
        assertThat(received.messageId()).isEqualTo(messageId);
        assertThat(Json.read(received.body(), ContactSubmission.class)).isEqualTo(submission);
        assertThat(received.messageAttributes().get("tenant").stringValue()).isEqualTo(TestTenants.ALPHA);
    }

    private static Message receiveOne(String logicalQueue) {
        String url = stage.queueUrl(logicalQueue);
        var messages = stage.sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(2)
                .messageAttributeNames("All")).messages();
        assertThat(messages).hasSize(1);
        stage.sqs().deleteMessage(r -> r.queueUrl(url).receiptHandle(messages.getFirst().receiptHandle()));
        return messages.getFirst();
    }
}
