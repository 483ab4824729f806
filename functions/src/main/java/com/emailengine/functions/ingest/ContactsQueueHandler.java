package com.emailengine.functions.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.emailengine.core.ingest.ContactIntake;
import com.emailengine.core.ingest.ContactSubmission;
import com.emailengine.core.json.Json;
import com.emailengine.functions.runtime.FunctionDependencies;
import com.emailengine.functions.runtime.Log;
import com.emailengine.functions.runtime.SqsBatchRunner;

/** Consumes the contacts queue: de-duplicates, stores and enrolls each submitted contact. */
public final class ContactsQueueHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final SqsBatchRunner runner;

    public ContactsQueueHandler() {
        this(FunctionDependencies.environment());
    }

    public ContactsQueueHandler(FunctionDependencies dependencies) {
        ContactIntake intake = dependencies.contactIntake();
        this.runner = new SqsBatchRunner("contact-intake", message -> {
            ContactSubmission submission = Json.read(message.getBody(), ContactSubmission.class);
            ContactIntake.Result result = intake.accept(submission);
            if (result == ContactIntake.Result.REJECTED) {
                Log.warn("contact-intake", "submission of request " + submission.requestId() + " rejected on intake");
            }
        });
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return runner.run(event);
    }
}
