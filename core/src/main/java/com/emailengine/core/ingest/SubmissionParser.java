package com.emailengine.core.ingest;

import com.emailengine.core.api.Rejection;
import com.emailengine.core.contact.ContactProfile;
import com.emailengine.core.json.Json;
import com.emailengine.core.routing.CountryLanguages;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the body of {@code POST /api/v2/contacts/ingest}: one contact (a JSON object with {@code email}) or a batch
 * ({@code {"contacts": [ ... ]}} with up to {@value #MAX_BATCH_CONTACTS} contacts, and optional {@code tenant} and
 * {@code source} applying to every contact that has none). Checks each contact's fields (types, lengths, ranges, URL
 * and country forms) without storage or DNS, and says precisely what is wrong with each one. Thread-safe.
 */
public final class SubmissionParser {

    /** Largest body of a single-contact request, and largest contact inside a batch. */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    /** Largest body of a batch request (API Gateway and Lambda take 6 MB; a full batch of real contacts is ~1 MB). */
    public static final int MAX_BATCH_BODY_BYTES = 4 * 1024 * 1024;
    public static final int MAX_BATCH_CONTACTS = 1000;

    private static final Set<String> CONTACT_FIELDS = Set.of("email", "tenant", "source", "first_name", "last_name",
            "language", "company", "city", "country", "phone", "source_url", "site_url", "domain_authority", "page_rank",
            "category");
    private static final Set<String> BATCH_FIELDS = Set.of("contacts", "tenant", "source");
    private static final Set<String> NUMBER_FIELDS = Set.of("domain_authority", "page_rank");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8}){0,3}");
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{1,30}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().\\-/]{6,32}");
    private static final int MAX_NAME_LENGTH = 100;
    private static final int MAX_TEXT_LENGTH = 200;
    private static final int MAX_URL_LENGTH = 2048;

    /** One contact's fields as sent; {@code language} is the raw tag, {@code profile.country()} an ISO alpha-2 code. */
    public record Fields(String email, String tenant, String sourceLabel, String language, ContactProfile profile,
                         List<String> ignoredFields) {
    }

    /** One contact of the request: its fields, or why they are refused. */
    public record Entry(int index, Fields fields, Rejection rejection) {
        public boolean accepted() {
            return rejection == null;
        }
    }

    /** The request: its contacts, or the rejection of the whole request. */
    public record Parsed(boolean batch, List<Entry> entries, List<String> ignoredFields, Rejection rejection) {
        public boolean accepted() {
            return rejection == null;
        }
    }

    public Parsed parse(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return refused(Rejection.malformedJson("the body is not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return refused(Rejection.malformedJson("the body cannot be read: " + e.getMessage()));
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            return refused(Rejection.malformedJson("the body must be a JSON object: one contact, or {\"contacts\": [...]}"));
        }
        if (!root.has("contacts")) {
            if (body.length > MAX_BODY_BYTES) {
                return refused(Rejection.bodyTooLarge(MAX_BODY_BYTES));
            }
            return new Parsed(false, List.of(entry(0, root, null, null)), List.of(), null);
        }
        JsonNode contacts = root.get("contacts");
        if (!contacts.isArray()) {
            return refused(Rejection.invalidField("contacts", "'contacts' must be a list of contacts"));
        }
        if (contacts.isEmpty()) {
            return refused(Rejection.invalidField("contacts", "'contacts' holds no contact"));
        }
        if (contacts.size() > MAX_BATCH_CONTACTS) {
            return refused(new Rejection(413, "too_many_contacts", null, "contacts",
                    "a request holds at most " + MAX_BATCH_CONTACTS + " contacts, this one " + contacts.size()));
        }
        List<String> ignored = unknown(root, BATCH_FIELDS);
        for (String field : List.of("tenant", "source")) {
            JsonNode value = root.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                return refused(Rejection.invalidField(field, "'" + field + "' must be a string"));
            }
        }
        String defaultTenant = text(root, "tenant");
        String defaultSource = text(root, "source");
        List<Entry> entries = new ArrayList<>(contacts.size());
        for (int i = 0; i < contacts.size(); i++) {
            JsonNode contact = contacts.get(i);
            if (!contact.isObject()) {
                entries.add(new Entry(i, null, Rejection.invalidField("contacts", "contact " + i + " is not a JSON object")));
            } else if (Json.write(contact).length() > MAX_BODY_BYTES) {
                entries.add(new Entry(i, null, new Rejection(413, "contact_too_large", null, null,
                        "contact " + i + " is larger than " + MAX_BODY_BYTES + " bytes")));
            } else {
                entries.add(entry(i, contact, defaultTenant, defaultSource));
            }
        }
        return new Parsed(true, entries, ignored, null);
    }

    private static Entry entry(int index, JsonNode contact, String defaultTenant, String defaultSource) {
        try {
            return new Entry(index, fields(contact, defaultTenant, defaultSource), null);
        } catch (FieldProblem problem) {
            return new Entry(index, null, problem.rejection);
        }
    }

    private static Fields fields(JsonNode root, String defaultTenant, String defaultSource) throws FieldProblem {
        for (String field : CONTACT_FIELDS) {
            JsonNode value = root.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            if (NUMBER_FIELDS.contains(field) ? !value.isNumber() : !value.isTextual()) {
                throw new FieldProblem(Rejection.invalidField(field, "'" + field + "' must be a "
                        + (NUMBER_FIELDS.contains(field) ? "number" : "string")));
            }
        }
        String email = text(root, "email");
        if (email == null) {
            throw new FieldProblem(Rejection.missingField("email"));
        }
        String tenant = orElse(text(root, "tenant"), defaultTenant);
        if (tenant != null && !TENANT.matcher(tenant).matches()) {
            throw new FieldProblem(Rejection.unknownTenant(tenant));
        }
        String source = orElse(text(root, "source"), defaultSource);
        if (source != null && !SOURCE.matcher(source).matches()) {
            throw new FieldProblem(Rejection.invalidField("source",
                    "'source' must be 1-64 letters, digits, dots, dashes, colons or underscores"));
        }
        String language = text(root, "language");
        if (language != null && !LANGUAGE_TAG.matcher(language).matches()) {
            throw new FieldProblem(Rejection.invalidField("language", "'language' must be a language tag such as fr or pt-BR"));
        }
        String country = text(root, "country");
        if (country != null) {
            String iso = CountryLanguages.normalizeCountry(country).orElseThrow(() -> new FieldProblem(
                    Rejection.invalidField("country", "'country' must be an ISO 3166 code such as FR or FRA")));
            country = iso;
        }
        String phone = text(root, "phone");
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw new FieldProblem(Rejection.invalidField("phone", "'phone' must be 6-32 digits, spaces and + ( ) . - /"));
        }
        ContactProfile profile = new ContactProfile(
                name(root, "first_name", MAX_NAME_LENGTH), name(root, "last_name", MAX_NAME_LENGTH),
                name(root, "company", MAX_TEXT_LENGTH), name(root, "city", MAX_NAME_LENGTH), country, phone,
                url(root, "source_url"), url(root, "site_url"),
                number(root, "domain_authority", 0, 100) == null ? null : (int) Math.round(number(root, "domain_authority", 0, 100)),
                number(root, "page_rank", 0, 10), name(root, "category", MAX_NAME_LENGTH));
        return new Fields(email, tenant, source, language, profile, unknown(root, CONTACT_FIELDS));
    }

    private static String name(JsonNode root, String field, int maxLength) throws FieldProblem {
        String value = text(root, field);
        if (value != null && (value.length() > maxLength || value.chars().anyMatch(Character::isISOControl))) {
            throw new FieldProblem(Rejection.invalidField(field,
                    "'" + field + "' must be at most " + maxLength + " characters without control characters"));
        }
        return value;
    }

    private static String url(JsonNode root, String field) throws FieldProblem {
        String value = text(root, field);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (value.length() <= MAX_URL_LENGTH && (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return value;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new FieldProblem(Rejection.invalidField(field, "'" + field + "' must be an http or https URL of at most "
                + MAX_URL_LENGTH + " characters"));
    }

    private static Double number(JsonNode root, String field, double min, double max) throws FieldProblem {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        double number = value.asDouble();
        if (!(number >= min && number <= max)) {
            throw new FieldProblem(Rejection.invalidField(field, "'" + field + "' must be between " + (int) min + " and " + (int) max));
        }
        return number;
    }

    private static List<String> unknown(JsonNode root, Set<String> known) {
        List<String> ignored = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                ignored.add(name);
            }
        }
        return List.copyOf(ignored);
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull() || !value.isTextual()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static Parsed refused(Rejection rejection) {
        return new Parsed(false, List.of(), List.of(), rejection);
    }

    /** A field that cannot be taken, carried out of the field readers. */
    private static final class FieldProblem extends Exception {
        private final transient Rejection rejection;

        FieldProblem(Rejection rejection) {
            super(rejection.message(), null, false, false);
            this.rejection = rejection;
        }
    }
}
