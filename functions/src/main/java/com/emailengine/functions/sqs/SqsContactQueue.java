package com.emailengine.functions.sqs;

import com.emailengine.core.ingest.ContactSubmission;
import com.emailengine.core.json.Json;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Puts accepted submissions on the contacts queue, as JSON, with the tenant as a message attribute. */
public final class SqsContactQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsContactQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** @return the SQS message id */
    public String submit(ContactSubmission submission) {
        return sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(Json.write(submission))
                .messageAttributes(Map.of("tenant", MessageAttributeValue.builder().dataType("String")
                        .stringValue(submission.tenant()).build()))).messageId();
    }
}
