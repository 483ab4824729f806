package com.emailengine.functions.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.emailengine.adapters.sqs.ContactMessages;
import com.emailengine.core.ingest.ContactIntake;
import com.emailengine.core.ingest.ContactSubmission;
import com.emailengine.core.validation.Validation;
import com.emailengine.functions.runtime.FunctionDependencies;
import com.emailengine.functions.runtime.SqsBatchRunner;
import com.emailengine.platform.runtime.Log;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumes the contacts queue: validates the contacts of every message of the batch together (their DNS lookups
 * overlap), then stores, de-duplicates and enrolls each; a failure marks only its own message for redelivery (its
 * other contacts are then handled again, which changes nothing: the intake is idempotent).
 */
public final class ContactsQueueHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final ContactIntake intake;

    public ContactsQueueHandler() {
        this(FunctionDependencies.environment());
    }

    public ContactsQueueHandler(FunctionDependencies dependencies) {
        this.intake = dependencies.contactIntake();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Map<String, List<ContactSubmission>> byMessage = new LinkedHashMap<>();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            try {
                byMessage.put(message.getMessageId(), ContactMessages.decode(message.getBody()));
            } catch (IllegalArgumentException e) {
                // left out here; the runner below reads it again and reports it failed
            }
        }
        List<ContactSubmission> all = byMessage.values().stream().flatMap(List::stream).toList();
        List<Validation> validations = intake.validateAll(all);
        Map<String, List<Validation>> validationsOf = new HashMap<>();
        int next = 0;
        for (Map.Entry<String, List<ContactSubmission>> message : byMessage.entrySet()) {
            validationsOf.put(message.getKey(), validations.subList(next, next + message.getValue().size()));
            next += message.getValue().size();
        }
        return new SqsBatchRunner("contact-intake", message -> {
            List<ContactSubmission> submissions = ContactMessages.decode(message.getBody());
            List<Validation> checked = validationsOf.get(message.getMessageId());
            for (int i = 0; i < submissions.size(); i++) {
                ContactSubmission submission = submissions.get(i);
                ContactIntake.Result result = intake.accept(submission, checked.get(i));
                if (result == ContactIntake.Result.REJECTED) {
                    Log.warn("contact-intake", "submission of request " + submission.requestId() + " rejected on intake");
                }
            }
        }).run(event);
    }
}
