package com.emailengine.core.api;

/**
 * Why a request or a contact was refused: a stable machine-readable {@code code}, an optional finer
 * {@code detail} code (e.g. {@code quoted_local_part} under {@code invalid_email}), the field at fault,
 * the HTTP status an API answers with, and a sentence for people. Codes of the ingest API: {@code malformed_json}
 * (400), {@code missing_credentials}, {@code invalid_credentials}, {@code stale_signature} (401),
 * {@code tenant_not_allowed} (403), {@code body_too_large}, {@code contact_too_large}, {@code too_many_contacts}
 * (413), {@code unsupported_media_type} (415), {@code missing_field}, {@code invalid_field}, {@code invalid_email},
 * {@code suppressed}, {@code unknown_tenant}, {@code no_route}, {@code no_contact_accepted} (422).
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

    public static Rejection tenantNotAllowed(String source, String tenant) {
        return new Rejection(403, "tenant_not_allowed", null, "tenant", "source '" + source + "' may not feed tenant '" + tenant + "'");
    }

    public static Rejection noRoute() {
        return new Rejection(422, "no_route", null, "tenant",
                "no routing rule takes this contact and it names no tenant: name one, or ask for a rule in routing.yaml");
    }

    /** An address validation refused; {@code reason} is its decisive reason code (docs/validation.md). */
    public static Rejection undeliverable(String reason, String message) {
        return reason.equals("suppressed")
                ? new Rejection(422, "suppressed", null, "email", message)
                : invalidEmail(reason, message);
    }
}
