package com.emailengine.functions.runtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.emailengine.core.api.Rejection;
import com.emailengine.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON responses of the HTTP API, errors always in one machine-readable shape. */
public final class HttpResponses {

    private static final Map<String, String> JSON_HEADERS = Map.of("content-type", "application/json; charset=utf-8");

    private HttpResponses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(JSON_HEADERS)
                .withBody(Json.write(body)).build();
    }

    /** {@code {"error": {"code", "detail", "field", "message"}, "request_id"}}; absent parts are left out. */
    public static APIGatewayV2HTTPResponse error(Rejection rejection, String requestId) {
        return error(rejection, requestId, Map.of());
    }

    /** The error shape with more machine-readable members in {@code error} (e.g. {@code problems} with line and column). */
    public static APIGatewayV2HTTPResponse error(Rejection rejection, String requestId, Map<String, Object> more) {
        Map<String, Object> error = errorBody(rejection);
        error.putAll(more);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("request_id", requestId);
        return json(rejection.httpStatus(), body);
    }

    /** {@code {"code", "detail", "field", "message"}}, absent parts left out: the error of a request or of one contact. */
    public static Map<String, Object> errorBody(Rejection rejection) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", rejection.code());
        if (rejection.detail() != null) {
            error.put("detail", rejection.detail());
        }
        if (rejection.field() != null) {
            error.put("field", rejection.field());
        }
        error.put("message", rejection.message());
        return error;
    }

    public static APIGatewayV2HTTPResponse unavailable(String requestId) {
        return error(new Rejection(503, "temporarily_unavailable", null, null,
                "the engine cannot take the request right now; nothing was stored, retry later"), requestId);
    }
}
