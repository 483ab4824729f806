package com.emailengine.functions.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.emailengine.core.api.Rejection;
import com.emailengine.core.ingest.ContactIngest;
import com.emailengine.functions.runtime.ApiHandler;
import com.emailengine.functions.runtime.FunctionDependencies;
import com.emailengine.functions.runtime.HttpResponses;
import com.emailengine.platform.api.ApiOperation;
import com.emailengine.platform.runtime.Log;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /api/v2/contacts/ingest}: hands the request to {@link ContactIngest} and writes its answer. One contact:
 * 202 {@code {"status": "accepted"|"duplicate", "tenant", "contact_id", …}} or a 4xx error. A batch: 202 with
 * counts and one result per contact, or 422 when every contact was rejected. 503 when the queue or the key store
 * cannot be reached (nothing to correct: retry the same request, it is idempotent).
 */
public final class IngestContactsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, ApiHandler {

    private final ContactIngest ingest;

    public IngestContactsHandler() {
        this(FunctionDependencies.environment());
    }

    public IngestContactsHandler(FunctionDependencies dependencies) {
        this.ingest = dependencies.contactIngest();
    }

    /** Its one route needs no dispatch. */
    @Override
    public Set<ApiOperation> operations() {
        return Set.of(ApiOperation.INGEST_CONTACTS);
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
        Map<String, String> headers = new LinkedHashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        }
        ContactIngest.Result result;
        try {
            result = ingest.ingest(new ContactIngest.Request(headers.get("content-type"),
                    name -> Optional.ofNullable(headers.get(name)), body, requestId));
        } catch (RuntimeException e) {
            Log.warn("ingest", "request " + requestId + " could not be handled: " + e);
            return HttpResponses.unavailable(requestId);
        }
        if (result.rejection() != null && !result.batch()) {
            return HttpResponses.error(result.rejection(), requestId);
        }
        Log.info("ingest", "request " + requestId + " from " + result.sourceId() + ": " + result.count(ContactIngest.Status.ACCEPTED)
                + " accepted, " + result.count(ContactIngest.Status.DUPLICATE) + " duplicate, "
                + result.count(ContactIngest.Status.REJECTED) + " rejected");
        if (!result.batch()) {
            ContactIngest.ContactOutcome only = result.contacts().getFirst();
            Map<String, Object> response = contact(only, false);
            response.put("request_id", requestId);
            return HttpResponses.json(result.httpStatus(), response);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        if (result.rejection() != null) {
            response.put("error", HttpResponses.errorBody(result.rejection()));
        }
        response.put("request_id", requestId);
        response.put("received", result.contacts().size());
        response.put("accepted", result.count(ContactIngest.Status.ACCEPTED));
        response.put("duplicate", result.count(ContactIngest.Status.DUPLICATE));
        response.put("rejected", result.count(ContactIngest.Status.REJECTED));
        if (!result.ignoredFields().isEmpty()) {
            response.put("ignored_fields", result.ignoredFields());
        }
        List<Map<String, Object>> results = new ArrayList<>(result.contacts().size());
        for (ContactIngest.ContactOutcome outcome : result.contacts()) {
            results.add(contact(outcome, true));
        }
        response.put("results", results);
        return HttpResponses.json(result.httpStatus(), response);
    }

    private static Map<String, Object> contact(ContactIngest.ContactOutcome outcome, boolean withIndex) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (withIndex) {
            out.put("index", outcome.index());
        }
        out.put("status", outcome.status().wireName());
        if (outcome.email() != null) {
            out.put("email", outcome.email());
        }
        if (outcome.rejection() != null) {
            out.put("error", HttpResponses.errorBody(outcome.rejection()));
        } else {
            out.put("tenant", outcome.tenant());
            out.put("campaign", outcome.campaign());
            out.put("contact_id", outcome.contactId());
            out.put("verdict", outcome.verdict());
            if (!outcome.findings().isEmpty()) {
                out.put("reasons", outcome.findings());
            }
            if (outcome.suggestion() != null) {
                out.put("suggestion", outcome.suggestion());
            }
            if (outcome.duplicateOf() != null) {
                out.put("duplicate_of", outcome.duplicateOf());
            }
            out.put("checks_pending", List.of("mx"));
        }
        if (!outcome.ignoredFields().isEmpty()) {
            out.put("ignored_fields", outcome.ignoredFields());
        }
        return out;
    }

    private static byte[] body(APIGatewayV2HTTPEvent event) {
        if (event.getBody() == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded()
                ? Base64.getDecoder().decode(event.getBody())
                : event.getBody().getBytes(StandardCharsets.UTF_8);
    }

    private static String requestId(APIGatewayV2HTTPEvent event, Context context) {
        if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : UUID.randomUUID().toString();
    }
}
