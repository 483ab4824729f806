package com.emailengine.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.platform.topology.QueueDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class QueuesTest {

    private final ProdStack prod = ProdStack.get();

    @Test
    void everyQueueHasADeadLetterQueueAndNothingElseIsAQueue() {
        prod.template.resourceCountIs("AWS::SQS::Queue", prod.topology.queues().size() * 2);
    }

    @Test
    void everyQueueRedrivesToItsOwnDeadLetterQueueAfterItsMaxReceiveCount() {
        for (QueueDefinition queue : prod.topology.queues()) {
            String deadLetters = prod.logicalId("AWS::SQS::Queue", "QueueName", prod.names.queue(queue.deadLetterName()));
            prod.template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                    "QueueName", prod.names.queue(queue.name()),
                    "VisibilityTimeout", queue.visibilityTimeout().toSeconds(),
                    "MessageRetentionPeriod", queue.retention().toSeconds(),
                    "RedrivePolicy", Map.of(
                            "deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(deadLetters, "Arn")),
                            "maxReceiveCount", queue.maxReceiveCount())));
        }
    }

    @Test
    void deadLettersAreKeptTwoWeeks() {
        for (QueueDefinition queue : prod.topology.queues()) {
            prod.template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                    "QueueName", prod.names.queue(queue.deadLetterName()),
                    "MessageRetentionPeriod", QueueDefinition.DEAD_LETTER_RETENTION.toSeconds()));
        }
    }

    @Test
    void everyQueueIsEncryptedAtRest() {
        assertThat(prod.propertiesOf("AWS::SQS::Queue")).allSatisfy(queue ->
                assertThat(queue).containsEntry("SqsManagedSseEnabled", true));
    }

    @Test
    void everyQueueRefusesRequestsWithoutTls() {
        prod.template.resourceCountIs("AWS::SQS::QueuePolicy", prod.topology.queues().size() * 2);
        prod.template.allResourcesProperties("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Map.of("Statement",
                List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))));
    }
}
