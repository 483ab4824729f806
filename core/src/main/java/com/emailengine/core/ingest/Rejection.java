package com.emailengine.core.ingest;

/**
 * Why a request or a contact was refused: a stable machine-readable {@code code}, an optional finer
 * {@code detail} code (e.g. {@code quoted_local_part} under {@code invalid_email}), the field at fault,
 * the HTTP status an API answers with, and a sentence for people.
 */
public record Rejection(int httpStatus, String code, String detail, String field, String message) {

    public static Rejection malformedJson(String message) {
        return new Rejection(400, "malformed_json", null, null, message);
    }

    public static Rejection bodyTooLarge(int limit) {
        return new Rejection(413, "body_too_large", null, null, "the body is larger than " + limit + " bytes");
    }

    public static Rejection unsupportedMediaType(String contentType) {
        return new Rejection(415, "unsupported_media_type", null, null,
                "send application/json, not " + (contentType == null ? "no content type" : contentType));
    }

    public static Rejection missingField(String field) {
        return new Rejection(422, "missing_field", null, field, "'" + field + "' is required");
    }

    public static Rejection invalidField(String field, String message) {
        return new Rejection(422, "invalid_field", null, field, message);
    }

    public static Rejection invalidEmail(String reason, String message) {
        return new Rejection(422, "invalid_email", reason, "email", message);
    }

    public static Rejection unknownTenant(String tenant) {
        return new Rejection(422, "unknown_tenant", null, "tenant", "no tenant '" + tenant + "'");
    }
}
