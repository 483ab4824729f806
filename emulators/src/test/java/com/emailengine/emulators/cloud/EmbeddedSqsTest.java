package com.emailengine.emulators.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.emulators.fixtures.LocalClients;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class EmbeddedSqsTest {

    private static EmbeddedSqs sqs;
    private static SqsClient client;

    @BeforeAll
    static void startSqs() {
        sqs = EmbeddedSqs.start(EmulatorSettings.LOOPBACK, 0);
        client = LocalClients.sqs(sqs.endpoint());
    }

    @AfterAll
    static void stopSqs() {
        client.close();
        sqs.close();
    }

    @Test
    void queueUrlsCarryTheBoundHostAndPortWhenPortZeroWasAsked() {
        String url = client.createQueue(r -> r.queueName("urls")).queueUrl();

        assertThat(sqs.endpoint().getPort()).isPositive();
        assertThat(url).isEqualTo(sqs.endpoint() + "/" + LocalAccount.ACCOUNT_ID + "/urls");
        assertThat(client.listQueues(r -> r.queueNamePrefix("urls")).queueUrls()).containsExactly(url);
    }

    @Test
    void sendsReceivesAndDeletesAMessage() {
        String url = client.createQueue(r -> r.queueName("contacts")).queueUrl();
        client.sendMessage(r -> r.queueUrl(url).messageBody("{\"email\":\"a@example.org\"}"));

        List<Message> received = client.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(2)).messages();
        assertThat(received).extracting(Message::body).containsExactly("{\"email\":\"a@example.org\"}");
        client.deleteMessage(r -> r.queueUrl(url).receiptHandle(received.getFirst().receiptHandle()));

        assertThat(client.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes())
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
    }

    @Test
    void redeliversAReceivedMessageThatWasNotDeletedOnceItsVisibilityTimeoutEnds() {
        String url = client.createQueue(r -> r.queueName("visibility")
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"))).queueUrl();
        client.sendMessage(r -> r.queueUrl(url).messageBody("render step 2"));

        Message first = client.receiveMessage(r -> r.queueUrl(url)).messages().getFirst();
        List<Message> whileInvisible = client.receiveMessage(r -> r.queueUrl(url)).messages();
        Message again = client.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(5)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages().getFirst();

        assertThat(whileInvisible).isEmpty();
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(again.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");
    }

    @Test
    void movesAMessageToTheDeadLetterQueueAfterMaxReceiveCount() {
        String dlqUrl = client.createQueue(r -> r.queueName("outbound-dlq")).queueUrl();
        String dlqArn = client.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String url = client.createQueue(r -> r.queueName("outbound").attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}"))).queueUrl();
        client.sendMessage(r -> r.queueUrl(url).messageBody("poison"));

        // Visibility 0 on each receive makes the message visible again at once: two failed attempts.
        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThat(client.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(0).waitTimeSeconds(1)).messages())
                    .extracting(Message::body).containsExactly("poison");
        }
        List<Message> third = client.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(0)).messages();
        List<Message> dead = client.receiveMessage(r -> r.queueUrl(dlqUrl).waitTimeSeconds(2)).messages();

        assertThat(dlqArn).isEqualTo("arn:aws:sqs:" + LocalAccount.REGION + ":" + LocalAccount.ACCOUNT_ID + ":outbound-dlq");
        assertThat(third).isEmpty();
        assertThat(dead).extracting(Message::body).containsExactly("poison");
    }

    @Test
    void longPollingReturnsAMessageSentWhileTheReceiveWaits() throws Exception {
        String url = client.createQueue(r -> r.queueName("long-poll")).queueUrl();
        CountDownLatch receiving = new CountDownLatch(1);
        CompletableFuture<List<Message>> received = CompletableFuture.supplyAsync(() -> {
            receiving.countDown();
            return client.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(10)).messages();
        });
        assertThat(receiving.await(5, TimeUnit.SECONDS)).isTrue();
        // The queue was empty when the receive began; it can only return this message by waiting for it.
        Thread.sleep(500);
        assertThat(received).isNotDone();
        client.sendMessage(r -> r.queueUrl(url).messageBody("late"));

        assertThat(received.get(15, TimeUnit.SECONDS)).extracting(Message::body).containsExactly("late");
    }

    @Test
    void carriesStringNumberAndBinaryMessageAttributes() {
        String url = client.createQueue(r -> r.queueName("attributes")).queueUrl();
        client.sendMessage(r -> r.queueUrl(url).messageBody("with attributes").messageAttributes(Map.of(
                "tenant", MessageAttributeValue.builder().dataType("String").stringValue("sos-expat").build(),
                "attempt", MessageAttributeValue.builder().dataType("Number").stringValue("3").build(),
                "digest", MessageAttributeValue.builder().dataType("Binary")
                        .binaryValue(SdkBytes.fromByteArray(new byte[] {1, 2, 3})).build())));

        Message message = client.receiveMessage(r -> r.queueUrl(url).messageAttributeNames("All").waitTimeSeconds(2))
                .messages().getFirst();

        assertThat(message.messageAttributes().get("tenant").stringValue()).isEqualTo("sos-expat");
        assertThat(message.messageAttributes().get("attempt").stringValue()).isEqualTo("3");
        assertThat(message.messageAttributes().get("attempt").dataType()).isEqualTo("Number");
        assertThat(message.messageAttributes().get("digest").binaryValue().asByteArray()).containsExactly(1, 2, 3);
    }

    @Test
    void refusesABusyPortWithAMessageNamingThePortAndTheFix() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(EmulatorSettings.LOOPBACK, 0));
            int port = busy.getLocalPort();

            assertThatThrownBy(() -> EmbeddedSqs.start(EmulatorSettings.LOOPBACK, port))
                    .isInstanceOf(EmulatorStartException.class)
                    .hasMessageContaining("SQS (ElasticMQ) cannot listen on 127.0.0.1:" + port)
                    .hasMessageContaining("already in use")
                    .hasMessageContaining("choose another port");
        }
    }
}
