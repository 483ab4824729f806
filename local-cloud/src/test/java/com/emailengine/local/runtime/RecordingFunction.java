package com.emailengine.local.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.emailengine.platform.topology.FunctionDefinition;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

/** An SQS function for runtime tests: records every batch it is handed and answers as the test decides. */
final class RecordingFunction implements RequestHandler<Object, Object> {

    /** What to answer for the {@code invocation}-th batch (1-based); may throw. */
    @FunctionalInterface
    interface Behaviour {
        SQSBatchResponse handle(int invocation, List<SQSEvent.SQSMessage> batch);
    }

    private final Behaviour behaviour;
    private final List<List<SQSEvent.SQSMessage>> batches = new CopyOnWriteArrayList<>();

    RecordingFunction(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    static RecordingFunction succeeding() {
        return new RecordingFunction((invocation, batch) -> new SQSBatchResponse(List.of()));
    }

    LocalFunction asFunction(String name) {
        return new LocalFunction(new FunctionDefinition(name, RecordingFunction.class.getName(), 256, TestFunctions.TIMEOUT,
                OptionalInt.empty()), this);
    }

    @Override
    public Object handleRequest(Object event, Context context) {
        List<SQSEvent.SQSMessage> batch = List.copyOf(((SQSEvent) event).getRecords());
        batches.add(batch);
        return behaviour.handle(batches.size(), batch);
    }

    List<List<SQSEvent.SQSMessage>> batches() {
        return List.copyOf(batches);
    }

    /** Every delivery of the message with this body, in order. */
    List<SQSEvent.SQSMessage> deliveriesOf(String body) {
        return batches.stream().flatMap(List::stream).filter(m -> m.getBody().equals(body)).toList();
    }

    static SQSBatchResponse failing(List<String> messageIds) {
        return new SQSBatchResponse(messageIds.stream().map(SQSBatchResponse.BatchItemFailure::new).toList());
    }
}
