package com.emailengine.functions.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.core.ingest.ContactSubmission;
import com.emailengine.core.ingest.Rejection;
import com.emailengine.core.ingest.SubmissionParser;
import com.emailengine.functions.runtime.FunctionDependencies;
import com.emailengine.functions.runtime.HttpResponses;
import com.emailengine.functions.runtime.Log;
import com.emailengine.functions.sqs.SqsContactQueue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/v2/contacts/ingest}: checks the request and puts the contact on the contacts queue.
 * Answers 202 once the contact is durably queued; a 4xx with a machine-readable reason, and nothing
 * queued, for bad input.
 */
public final class IngestContactsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final SubmissionParser parser;
    private final SqsContactQueue queue;

    public IngestContactsHandler() {
        this(FunctionDependencies.environment());
    }

    public IngestContactsHandler(FunctionDependencies dependencies) {
        this.parser = dependencies.submissionParser();
        this.queue = dependencies.contactQueue();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = requestId(event, context);
        byte[] body;
        try {
            body = body(event);
        } catch (IllegalArgumentException e) {
            return HttpResponses.error(Rejection.malformedJson("the body is marked base64 but is not"), requestId);
        }
        SubmissionParser.Outcome outcome = parser.parse(header(event, "content-type"), body, requestId);
        if (!outcome.accepted()) {
            return HttpResponses.error(outcome.rejection(), requestId);
        }
        ContactSubmission submission = outcome.submission();
        try {
            queue.submit(submission);
        } catch (RuntimeException e) {
            Log.warn("ingest", "request " + requestId + " could not be queued: " + e);
            return HttpResponses.unavailable(requestId);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", "accepted");
        response.put("tenant", submission.tenant());
        response.put("contact_id", EmailHash.of(EmailAddress.parse(submission.email())).hex());
        response.put("request_id", requestId);
        if (!outcome.ignoredFields().isEmpty()) {
            response.put("ignored_fields", outcome.ignoredFields());
        }
        return HttpResponses.json(202, response);
    }

    private static byte[] body(APIGatewayV2HTTPEvent event) {
        if (event.getBody() == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded()
                ? Base64.getDecoder().decode(event.getBody())
                : event.getBody().getBytes(StandardCharsets.UTF_8);
    }

    private static String header(APIGatewayV2HTTPEvent event, String name) {
        return event.getHeaders() == null ? null : event.getHeaders().get(name);
    }

    private static String requestId(APIGatewayV2HTTPEvent event, Context context) {
        if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : UUID.randomUUID().toString();
    }
}
