package com.emailengine.functions.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.emailengine.core.ingest.ContactIntake;
import com.emailengine.core.ingest.ContactSubmission;
import com.emailengine.core.json.Json;
import com.emailengine.core.validation.Validation;
import com.emailengine.functions.runtime.FunctionDependencies;
import com.emailengine.functions.runtime.Log;
import com.emailengine.functions.runtime.SqsBatchRunner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumes the contacts queue: validates the batch's contacts together (their DNS lookups overlap), then stores,
 * de-duplicates and enrolls each; a failure marks only its own message for redelivery.
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
        Map<String, ContactSubmission> submissions = new HashMap<>();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            try {
                submissions.put(message.getMessageId(), Json.read(message.getBody(), ContactSubmission.class));
            } catch (IllegalArgumentException e) {
                // left out here; the runner below reads it again and reports it failed
            }
        }
        List<String> ids = new ArrayList<>(submissions.keySet());
        List<Validation> validations = intake.validateAll(ids.stream().map(submissions::get).toList());
        Map<String, Validation> validationOf = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            validationOf.put(ids.get(i), validations.get(i));
        }
        return new SqsBatchRunner("contact-intake", message -> {
            ContactSubmission submission = Json.read(message.getBody(), ContactSubmission.class);
            ContactIntake.Result result = intake.accept(submission, validationOf.get(message.getMessageId()));
            if (result == ContactIntake.Result.REJECTED) {
                Log.warn("contact-intake", "submission of request " + submission.requestId() + " rejected on intake");
            }
        }).run(event);
    }
}
