package com.emailengine.core.ingest;

import com.emailengine.core.api.JsonMediaType;
import com.emailengine.core.api.Rejection;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.contact.ContactProfile;
import com.emailengine.core.contact.ContactStore;
import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.core.contact.InvalidEmailAddressException;
import com.emailengine.core.routing.Categorizer;
import com.emailengine.core.routing.CountryLanguages;
import com.emailengine.core.routing.Route;
import com.emailengine.core.routing.RoutingInput;
import com.emailengine.core.source.RequestAuthenticator;
import com.emailengine.core.source.Source;
import com.emailengine.core.suppression.PrefetchedSuppressions;
import com.emailengine.core.suppression.SuppressionList;
import com.emailengine.core.templating.Language;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.core.validation.AddressValidator;
import com.emailengine.core.validation.Finding;
import com.emailengine.core.validation.SuppressionCheck;
import com.emailengine.core.validation.Validation;
import com.emailengine.core.validation.ValidationData;
import com.emailengine.core.validation.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The ingest use case: authenticates the source, reads one contact or a batch, and for each contact checks its fields,
 * enriches it (country from the site's or address's TLD, language from the country, category from keywords), routes
 * it to a tenant and campaign, validates the address offline plus the suppression lists under that tenant's policy,
 * tells new from already stored contacts, and queues every contact it takes. It answers per contact: accepted
 * (queued for the DNS check and enrollment), duplicate (already stored; its new fields are queued to be merged), or
 * rejected with a reason. A bad contact rejects only itself; a bad request (credentials, body) rejects everything and
 * nothing is queued. Storage is read in one round per tenant (batched by the adapters), never per contact.
 *
 * <p>Thread-safe; one instance serves every request of a process.
 */
public final class ContactIngest {

    /** A request as the HTTP layer hands it over. */
    public record Request(String contentType, RequestAuthenticator.Headers headers, byte[] body, String requestId) {
    }

    /** What became of one contact. */
    public enum Status {
        ACCEPTED, DUPLICATE, REJECTED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One contact's answer.
     *
     * @param verdict      the offline verdict ({@code valid} or {@code risky}; the DNS check comes at intake)
     * @param findings     the reason codes validation reported (informational and risky ones for taken contacts)
     * @param duplicateOf  for a repeat inside the same request, the index of its first occurrence
     */
    public record ContactOutcome(int index, Status status, String email, String tenant, String campaign, String contactId,
                                 String verdict, List<String> findings, String suggestion, Integer duplicateOf,
                                 List<String> ignoredFields, Rejection rejection) {
    }

    /**
     * The answer to a request: a rejection of the whole request, or one outcome per contact.
     *
     * @param httpStatus what the API answers with
     */
    public record Result(int httpStatus, Rejection rejection, boolean batch, String sourceId, List<ContactOutcome> contacts,
                         List<String> ignoredFields) {

        public long count(Status status) {
            return contacts.stream().filter(c -> c.status() == status).count();
        }
    }

    private final EngineConfig config;
    private final RequestAuthenticator authenticator;
    private final SubmissionParser parser = new SubmissionParser();
    private final ValidationData data;
    private final ContactStore contacts;
    private final SuppressionList suppressions;
    private final ContactQueue queue;
    private final Clock clock;
    private final CountryLanguages countryLanguages = CountryLanguages.shipped();

    public ContactIngest(EngineConfig config, RequestAuthenticator authenticator, ValidationData data, ContactStore contacts,
                         SuppressionList suppressions, ContactQueue queue, Clock clock) {
        this.config = config;
        this.authenticator = authenticator;
        this.data = data;
        this.contacts = contacts;
        this.suppressions = suppressions;
        this.queue = queue;
        this.clock = clock;
    }

    /** A contact on its way through the request. */
    private static final class Pending {
        final SubmissionParser.Entry entry;
        EmailAddress address;
        EmailHash id;
        Route route;
        ContactSubmission submission;
        Validation validation;
        Integer duplicateOf;
        ContactOutcome outcome;

        Pending(SubmissionParser.Entry entry) {
            this.entry = entry;
        }
    }

    /**
     * The request's way, step by step: the request itself is refused as a whole, or each contact is prepared (no
     * storage), looked up (stored? suppressed?), validated, answered, and the ones taken are queued in one go.
     */
    public Result ingest(Request request) {
        Optional<Rejection> malformed = mediaTypeRefusal(request).or(() -> sizeRefusal(request));
        if (malformed.isPresent()) {
            return refused(malformed.get());
        }
        RequestAuthenticator.Outcome auth = authenticator.authenticate(request.headers(), request.body());
        if (!auth.authenticated()) {
            return refused(auth.rejection());
        }
        SubmissionParser.Parsed parsed = parser.parse(request.body());
        if (!parsed.accepted()) {
            return new Result(parsed.rejection().httpStatus(), parsed.rejection(), false, auth.source().id(), List.of(), List.of());
        }
        List<Pending> pending = prepareEach(parsed, auth.source(), request.requestId(), clock.instant());
        Map<String, Set<EmailHash>> stored = new HashMap<>();
        Map<String, SuppressionList> suppressed = new HashMap<>();
        lookUp(pending, stored, suppressed);
        validateEach(pending, suppressed);
        answerTheRest(pending, stored);
        queueTaken(pending);
        return answer(parsed, auth.source(), pending);
    }

    private static Optional<Rejection> mediaTypeRefusal(Request request) {
        return JsonMediaType.matches(request.contentType()) ? Optional.empty()
                : Optional.of(Rejection.unsupportedMediaType(request.contentType()));
    }

    private static Optional<Rejection> sizeRefusal(Request request) {
        return request.body().length > SubmissionParser.MAX_BATCH_BODY_BYTES
                ? Optional.of(Rejection.bodyTooLarge(SubmissionParser.MAX_BATCH_BODY_BYTES)) : Optional.empty();
    }

    /** Each contact its own way: refused by the parser, or prepared (address, tenant, enrichment, route). */
    private List<Pending> prepareEach(SubmissionParser.Parsed parsed, Source source, String requestId, Instant now) {
        List<Pending> pending = new ArrayList<>(parsed.entries().size());
        for (SubmissionParser.Entry entry : parsed.entries()) {
            Pending p = new Pending(entry);
            pending.add(p);
            if (!entry.accepted()) {
                p.outcome = rejected(entry, entry.rejection());
            } else {
                prepare(p, source, requestId, now);
            }
        }
        return pending;
    }

    /** Validation without DNS (the intake checks MX); the same person twice in the request becomes one submission. */
    private void validateEach(List<Pending> pending, Map<String, SuppressionList> suppressed) {
        Map<String, Pending> firstOfKey = new HashMap<>();
        Map<String, AddressValidator> validators = new HashMap<>();
        for (Pending p : pending) {
            if (p.outcome != null) {
                continue;
            }
            String tenant = p.route.tenant();
            AddressValidator validator = validators.computeIfAbsent(tenant,
                    t -> AddressValidator.standard(data, new SuppressionCheck(suppressed.get(t)), null));
            p.validation = validator.validate(p.entry.fields().email(), p.address, tenant, config.routing().policyFor(tenant));
            if (p.validation.verdict() == Verdict.INVALID) {
                Finding decisive = p.validation.decisive();
                p.outcome = rejected(p.entry, Rejection.undeliverable(decisive.code(), decisive.message()));
                continue;
            }
            Pending first = firstOfKey.putIfAbsent(tenant + "/" + p.id.hex(), p);
            if (first != null) {
                // The same person twice in one request: one submission, later fields laid over earlier ones.
                first.submission = merged(first.submission, p.submission);
                p.duplicateOf = first.entry.index();
                p.outcome = taken(p, Status.DUPLICATE);
            }
        }
    }

    /** What is left is taken: a duplicate of a stored contact (still queued, the intake merges it), or new. */
    private static void answerTheRest(List<Pending> pending, Map<String, Set<EmailHash>> stored) {
        for (Pending p : pending) {
            if (p.outcome == null) {
                boolean known = stored.getOrDefault(p.route.tenant(), Set.of()).contains(p.id);
                p.outcome = taken(p, known ? Status.DUPLICATE : Status.ACCEPTED);
            }
        }
    }

    /** One queue call for the request: every taken contact but the repeats merged into their first occurrence. */
    private void queueTaken(List<Pending> pending) {
        List<ContactSubmission> toQueue = pending.stream()
                .filter(p -> p.outcome.status() != Status.REJECTED && p.duplicateOf == null)
                .map(p -> p.submission).toList();
        if (!toQueue.isEmpty()) {
            queue.submitAll(toQueue);
        }
    }

    /** One contact: its own status; a batch: 202 when any was taken, else 422 with every contact's reason. */
    private static Result answer(SubmissionParser.Parsed parsed, Source source, List<Pending> pending) {
        List<ContactOutcome> outcomes = pending.stream().map(p -> p.outcome).toList();
        if (!parsed.batch()) {
            ContactOutcome only = outcomes.getFirst();
            int status = only.status() == Status.REJECTED ? only.rejection().httpStatus() : 202;
            return new Result(status, only.rejection(), false, source.id(), outcomes, parsed.ignoredFields());
        }
        boolean anyTaken = outcomes.stream().anyMatch(o -> o.status() != Status.REJECTED);
        Rejection none = anyTaken ? null : new Rejection(422, "no_contact_accepted", null, "contacts",
                "every contact of the request was rejected; see results");
        return new Result(anyTaken ? 202 : 422, none, true, source.id(), outcomes, parsed.ignoredFields());
    }

    /** Parses the address, checks the named tenant, enriches and routes: everything that needs no storage. */
    private void prepare(Pending p, Source source, String requestId, Instant now) {
        SubmissionParser.Fields fields = p.entry.fields();
        try {
            p.address = EmailAddress.parse(fields.email());
        } catch (InvalidEmailAddressException e) {
            p.outcome = rejected(p.entry, Rejection.invalidEmail(e.reason(), e.getMessage()));
            return;
        }
        p.id = EmailHash.of(p.address);
        if (fields.tenant() != null) {
            if (config.tenants().find(fields.tenant()).isEmpty()) {
                p.outcome = rejected(p.entry, Rejection.unknownTenant(fields.tenant()));
                return;
            }
            if (!source.mayFeed(fields.tenant())) {
                p.outcome = rejected(p.entry, Rejection.tenantNotAllowed(source.id(), fields.tenant()));
                return;
            }
        }
        ContactProfile profile = fields.profile();
        String country = profile.country();
        String countrySource = country != null ? "given" : null;
        if (country == null) {
            country = CountryLanguages.countryOfHost(host(profile.siteUrl())).orElse(null);
            countrySource = country != null ? "site-tld" : null;
        }
        if (country == null) {
            country = CountryLanguages.countryOfHost(p.address.asciiDomain()).orElse(null);
            countrySource = country != null ? "email-tld" : null;
        }
        String language = Language.fromTag(fields.language()).map(Language::code).orElse(null);
        String languageSource = language != null ? "given" : null;
        if (language == null) {
            language = countryLanguages.languageOf(country).map(Language::code).orElse(null);
            languageSource = language != null ? "country" : null;
        }
        Categorizer.Categorized category = config.routing().categorizer().categorize(profile.category(), profile.company(),
                profile.siteUrl(), profile.sourceUrl());
        RoutingInput input = new RoutingInput(source.id(), fields.tenant(), country, language, category.category());
        var route = config.routing().router().route(source, input);
        if (route.isEmpty()) {
            p.outcome = rejected(p.entry, Rejection.noRoute());
            return;
        }
        p.route = route.get();
        Tenant tenant = config.tenants().get(p.route.tenant());
        if (language == null) {
            language = tenant.defaultLanguage();
            languageSource = "tenant-default";
        }
        ContactProfile enriched = profile.withCountry(country).withCategory(category.category());
        p.submission = new ContactSubmission(tenant.id(), p.address.value(), enriched.firstName(), language,
                fields.sourceLabel(), now, requestId, source.id(), p.route.campaign(), p.route.rule(), enriched,
                languageSource, countrySource, category.source(), 0);
    }

    /** Which contacts are stored and which are suppressed, per tenant, all tenants at once. */
    private void lookUp(List<Pending> pending, Map<String, Set<EmailHash>> stored, Map<String, SuppressionList> suppressed) {
        Map<String, List<EmailHash>> idsByTenant = new LinkedHashMap<>();
        for (Pending p : pending) {
            if (p.outcome == null) {
                idsByTenant.computeIfAbsent(p.route.tenant(), t -> new ArrayList<>()).add(p.id);
            }
        }
        if (idsByTenant.isEmpty()) {
            return;
        }
        Map<String, Future<Set<EmailHash>>> storedLater = new HashMap<>();
        Map<String, Future<PrefetchedSuppressions>> suppressedLater = new HashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            idsByTenant.forEach((tenant, ids) -> {
                storedLater.put(tenant, threads.submit(() -> contacts.existing(tenant, ids)));
                suppressedLater.put(tenant, threads.submit(() -> PrefetchedSuppressions.of(suppressions, tenant, ids)));
            });
            for (String tenant : idsByTenant.keySet()) {
                stored.put(tenant, storedLater.get(tenant).get());
                suppressed.put(tenant, suppressedLater.get(tenant).get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading contacts", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /**
     * A repeat inside one request laid over its first occurrence (D17): fields the repeat gave replace, an absent one
     * keeps the earlier value, and values we derived (country from a TLD, category from keywords, language from the
     * country) only fill gaps, so they never override what the first occurrence gave.
     */
    private static ContactSubmission merged(ContactSubmission first, ContactSubmission later) {
        ContactProfile earlier = first.profileOrEmpty();
        ContactProfile repeat = later.profileOrEmpty();
        Derived country = Derived.pick(earlier.country(), first.countrySource(), repeat.country(), later.countrySource());
        Derived category = Derived.pick(earlier.category(), first.categorySource(), repeat.category(), later.categorySource());
        Derived language = Derived.pick(first.language(), first.languageSource(), later.language(), later.languageSource());
        ContactProfile profile = earlier.overlay(repeat).withCountry(country.value()).withCategory(category.value());
        return new ContactSubmission(first.tenant(), first.email(), profile.firstName(), language.value(),
                later.source() != null ? later.source() : first.source(), first.receivedAt(), first.requestId(),
                first.sourceId(), first.campaign(), first.route(), profile, language.source(), country.source(),
                category.source(), 0);
    }

    /** A value and where it came from ({@code given}, or how it was derived). */
    private record Derived(String value, String source) {

        static Derived pick(String firstValue, String firstSource, String laterValue, String laterSource) {
            boolean laterGiven = laterValue != null && "given".equals(laterSource);
            return laterGiven || firstValue == null && laterValue != null
                    ? new Derived(laterValue, laterSource) : new Derived(firstValue, firstSource);
        }
    }

    private static String host(String url) {
        if (url == null) {
            return null;
        }
        try {
            return java.net.URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ContactOutcome taken(Pending p, Status status) {
        List<String> codes = p.validation.codes();
        return new ContactOutcome(p.entry.index(), status, p.address.value(), p.route.tenant(), p.route.campaign(), p.id.hex(),
                p.validation.verdict().wireName(), codes, p.validation.suggestion(), p.duplicateOf,
                p.entry.fields().ignoredFields(), null);
    }

    private static ContactOutcome rejected(SubmissionParser.Entry entry, Rejection rejection) {
        String email = entry.fields() == null ? null : entry.fields().email();
        List<String> ignored = entry.fields() == null ? List.of() : entry.fields().ignoredFields();
        return new ContactOutcome(entry.index(), Status.REJECTED, email, null, null, null, null, List.of(), null, null,
                ignored, rejection);
    }

    private static Result refused(Rejection rejection) {
        return new Result(rejection.httpStatus(), rejection, false, null, List.of(), List.of());
    }
}
