package com.emailengine.core.ingest;

import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.InvalidEmailAddressException;
import com.emailengine.core.json.Json;
import com.emailengine.core.tenant.Tenants;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the body of {@code POST /api/v2/contacts/ingest} into a {@link ContactSubmission}, or a
 * {@link Rejection} saying precisely what is wrong. Checks only what needs neither storage nor DNS.
 * Thread-safe.
 */
public final class SubmissionParser {

    /** Largest accepted body of a single-contact request. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private static final Set<String> FIELDS = Set.of("email", "first_name", "language", "source", "tenant");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8}){0,3}");
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final int MAX_NAME_LENGTH = 100;

    private final Tenants tenants;
    private final Clock clock;

    public SubmissionParser(Tenants tenants, Clock clock) {
        this.tenants = tenants;
        this.clock = clock;
    }

    /** The outcome: either {@code submission} or {@code rejection} is set. */
    public record Outcome(ContactSubmission submission, List<String> ignoredFields, Rejection rejection) {
        public boolean accepted() {
            return rejection == null;
        }
    }

    public Outcome parse(String contentType, byte[] body, String requestId) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return rejected(Rejection.unsupportedMediaType(contentType));
        }
        if (body.length > MAX_BODY_BYTES) {
            return rejected(Rejection.bodyTooLarge(MAX_BODY_BYTES));
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return rejected(Rejection.malformedJson("the body is not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return rejected(Rejection.malformedJson("the body cannot be read: " + e.getMessage()));
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            return rejected(Rejection.malformedJson("the body must be a JSON object"));
        }
        List<String> ignored = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                ignored.add(name);
            }
        }
        for (String field : FIELDS) {
            JsonNode value = root.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                return rejected(Rejection.invalidField(field, "'" + field + "' must be a string"));
            }
        }
        String rawEmail = text(root, "email");
        if (rawEmail == null) {
            return rejected(Rejection.missingField("email"));
        }
        EmailAddress email;
        try {
            email = EmailAddress.parse(rawEmail);
        } catch (InvalidEmailAddressException e) {
            return rejected(Rejection.invalidEmail(e.reason(), e.getMessage()));
        }
        String tenant = text(root, "tenant");
        if (tenant == null) {
            return rejected(Rejection.missingField("tenant"));
        }
        if (tenants.find(tenant).isEmpty()) {
            return rejected(Rejection.unknownTenant(tenant));
        }
        String firstName = text(root, "first_name");
        if (firstName != null && (firstName.length() > MAX_NAME_LENGTH || firstName.chars().anyMatch(Character::isISOControl))) {
            return rejected(Rejection.invalidField("first_name",
                    "'first_name' must be at most " + MAX_NAME_LENGTH + " characters without control characters"));
        }
        String language = text(root, "language");
        if (language != null && !LANGUAGE_TAG.matcher(language).matches()) {
            return rejected(Rejection.invalidField("language", "'language' must be a language tag such as fr or pt-BR"));
        }
        String source = text(root, "source");
        if (source == null) {
            return rejected(Rejection.missingField("source"));
        }
        if (!SOURCE.matcher(source).matches()) {
            return rejected(Rejection.invalidField("source",
                    "'source' must be 1-64 letters, digits, dots, dashes, colons or underscores"));
        }
        ContactSubmission submission = new ContactSubmission(tenant, email.value(), firstName, language, source,
                clock.instant(), requestId);
        return new Outcome(submission, List.copyOf(ignored), null);
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private static Outcome rejected(Rejection rejection) {
        return new Outcome(null, List.of(), rejection);
    }
}
