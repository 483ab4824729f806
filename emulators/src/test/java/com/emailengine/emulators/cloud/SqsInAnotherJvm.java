package com.emailengine.emulators.cloud;

import com.emailengine.emulators.fixtures.LocalClients;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Run by {@link EmbeddedSqsDataFolderTest} in a JVM of its own, to be killed: {@code data-dir in-flight}. Starts a
 * persistent SQS, sends {@code in-flight} messages to queue {@value #QUEUE} and receives them (hidden for
 * {@value #HIDDEN_SECONDS} s), printing {@code RECEIPT <receipt handle>} for each, then sends one message after
 * another, printing {@code ANSWERED <n>} as soon as SQS has answered the n-th, until it is killed.
 */
public final class SqsInAnotherJvm {

    static final String QUEUE = "survivors";
    static final String RECEIPT = "RECEIPT ";
    static final String ANSWERED = "ANSWERED ";
    /** Far longer than the test takes: a message that shows up without its receipt being released was not hidden. */
    static final int HIDDEN_SECONDS = 600;

    private SqsInAnotherJvm() {
    }

    public static void main(String[] args) {
        EmbeddedSqs sqs = EmbeddedSqs.start(EmulatorSettings.LOOPBACK, 0, Optional.of(Path.of(args[0])));
        SqsClient client = LocalClients.sqs(sqs.endpoint());
        String url = client.createQueue(r -> r.queueName(QUEUE)
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "60"))).queueUrl();
        int inFlight = Integer.parseInt(args[1]);
        for (int i = 0; i < inFlight; i++) {
            String body = "in-flight " + i;
            client.sendMessage(r -> r.queueUrl(url).messageBody(body));
        }
        int received = 0;
        while (received < inFlight) {
            for (Message message : client.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                    .visibilityTimeout(HIDDEN_SECONDS)).messages()) {
                System.out.println(RECEIPT + message.receiptHandle());
                received++;
            }
        }
        System.out.flush();
        for (int n = 1; ; n++) {
            String body = "answered " + n;
            client.sendMessage(r -> r.queueUrl(url).messageBody(body));
            System.out.println(ANSWERED + n);
            System.out.flush();
        }
    }
}
