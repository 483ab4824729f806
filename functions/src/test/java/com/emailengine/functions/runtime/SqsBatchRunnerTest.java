package com.emailengine.functions.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqsBatchRunnerTest {

    private static SQSEvent batch(String... bodies) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m" + i);
            message.setBody(bodies[i]);
            records.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    @Test
    void reportsOnlyTheMessagesWhoseWorkFailed() {
        List<String> done = new ArrayList<>();
        SqsBatchRunner runner = new SqsBatchRunner("test", message -> {
            if (message.getBody().startsWith("bad")) {
                throw new IllegalStateException("cannot");
            }
            done.add(message.getBody());
        });

        SQSBatchResponse response = runner.run(batch("ok1", "bad", "ok2", "bad again"));

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m1", "m3");
        assertThat(done).containsExactly("ok1", "ok2");
    }

    @Test
    void aBatchWithoutFailuresReportsAnEmptyList() {
        SQSBatchResponse response = new SqsBatchRunner("test", message -> { }).run(batch("a", "b"));

        assertThat(response.getBatchItemFailures()).isEmpty();
    }

    @Test
    void anEmptyEventIsNoFailure() {
        assertThat(new SqsBatchRunner("test", message -> { }).run(new SQSEvent()).getBatchItemFailures()).isEmpty();
    }
}
