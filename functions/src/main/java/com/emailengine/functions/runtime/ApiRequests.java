package com.emailengine.functions.runtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.emailengine.core.api.Rejection;
import com.emailengine.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalInt;

/** Reading an API event's parts the same way in every handler: the body (bounded), JSON objects, query, headers. */
public final class ApiRequests {

    private ApiRequests() {
    }

    /** The body's bytes; refused above {@code maxBytes} or when marked base64 but not. */
    public static byte[] bytes(APIGatewayV2HTTPEvent event, int maxBytes) {
        if (event.getBody() == null) {
            return new byte[0];
        }
        byte[] bytes;
        try {
            bytes = event.getIsBase64Encoded() ? Base64.getDecoder().decode(event.getBody())
                    : event.getBody().getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiRefusal(Rejection.malformedJson("the body is marked base64 but is not"));
        }
        if (bytes.length > maxBytes) {
            throw new ApiRefusal(Rejection.bodyTooLarge(maxBytes));
        }
        return bytes;
    }

    /** The body as a JSON object; refused when empty, not JSON, or not an object. */
    public static JsonNode object(APIGatewayV2HTTPEvent event, int maxBytes) {
        byte[] bytes = bytes(event, maxBytes);
        if (bytes.length == 0) {
            throw new ApiRefusal(Rejection.malformedJson("the body is empty; send a JSON object"));
        }
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new ApiRefusal(Rejection.malformedJson("the body must be a JSON object"));
            }
            return node;
        } catch (IOException e) {
            throw new ApiRefusal(Rejection.malformedJson("the body is not valid JSON: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
        }
    }

    /** The body as a JSON object, or an empty object when there is no body. */
    public static JsonNode objectOrEmpty(APIGatewayV2HTTPEvent event, int maxBytes) {
        return bytes(event, maxBytes).length == 0 ? Json.MAPPER.createObjectNode() : object(event, maxBytes);
    }

    /** The gateway's request id (in every answer, for a support request), or a fresh one when the event has none. */
    public static String requestId(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext() != null && event.getRequestContext().getRequestId() != null
                ? event.getRequestContext().getRequestId() : java.util.UUID.randomUUID().toString();
    }

    public static String query(APIGatewayV2HTTPEvent event, String name) {
        return event.getQueryStringParameters() == null ? null : event.getQueryStringParameters().get(name);
    }

    public static String header(APIGatewayV2HTTPEvent event, String name) {
        return event.getHeaders() == null ? null : event.getHeaders().get(name);
    }

    /** A version number from 1, or empty when the text is absent; refused otherwise, naming {@code field}. */
    public static OptionalInt version(String text, String field) {
        if (text == null || text.isBlank()) {
            return OptionalInt.empty();
        }
        try {
            int version = Integer.parseInt(text.strip());
            if (version < 1) {
                throw new NumberFormatException();
            }
            return OptionalInt.of(version);
        } catch (NumberFormatException e) {
            throw new ApiRefusal(Rejection.invalidField(field, "'" + field + "' must be a whole number from 1, got '" + text + "'"));
        }
    }
}
