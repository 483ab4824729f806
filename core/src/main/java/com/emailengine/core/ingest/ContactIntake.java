package com.emailengine.core.ingest;

import com.emailengine.core.campaign.Campaign;
import com.emailengine.core.campaign.CampaignLookup;
import com.emailengine.core.campaign.Enrollment;
import com.emailengine.core.campaign.EnrollmentStore;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.contact.Contact;
import com.emailengine.core.contact.ContactProfile;
import com.emailengine.core.contact.ContactStatus;
import com.emailengine.core.contact.ContactStore;
import com.emailengine.core.contact.ContactUpdate;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.core.templating.Language;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.core.validation.BulkValidator;
import com.emailengine.core.validation.Validation;
import com.emailengine.core.validation.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes submitted contacts off the contacts queue: validates them again, now with DNS (MX, null MX, existence) and the
 * suppression lists as they are at this moment, for many contacts at once; stores each once per tenant
 * (de-duplicated by address hash; a repeat merges its fields by the rule of {@link ContactUpdate}); records the
 * verdict as the contact's status (valid, risky = held, invalid); and enrolls a valid contact in the campaign routing
 * chose.
 *
 * <p>DNS that cannot answer is never taken as a verdict: the contact is stored as {@code new} and its submission put
 * back on the queue after {@link #RETRY_DELAYS} (1, 5, 15, 15, 15 minutes); after the last try it is held as
 * {@code risky} with the reason, never marked invalid. Every step is idempotent, so a redelivered message converges to
 * the same state: a crash between storing and enrolling is repaired by the retry. Thread-safe.
 */
public final class ContactIntake {

    /** What became of one submission. */
    public enum Result { ENROLLED, DUPLICATE, NOT_MAILABLE, REJECTED, HELD, INVALID, RETRY_LATER, UNKNOWN,
        /** Stored as valid, but the campaign it would join is archived or gone: nothing to enroll in. */
        NO_CAMPAIGN }

    /** Waits before the n-th retry of a submission whose DNS answer was unknown; then it is held. */
    public static final List<Duration> RETRY_DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofMinutes(15));

    private final EngineConfig config;
    private final ContactStore contacts;
    private final EnrollmentStore enrollments;
    private final CampaignLookup campaigns;
    private final BulkValidator validator;
    private final ContactQueue retries;
    private final Clock clock;

    /** With the campaigns of {@code campaigns.yaml}, every one running (tests that need no campaign store). */
    public ContactIntake(EngineConfig config, ContactStore contacts, EnrollmentStore enrollments, BulkValidator validator,
                         ContactQueue retries, Clock clock) {
        this(config, contacts, enrollments, config.campaigns(), validator, retries, clock);
    }

    public ContactIntake(EngineConfig config, ContactStore contacts, EnrollmentStore enrollments, CampaignLookup campaigns,
                         BulkValidator validator, ContactQueue retries, Clock clock) {
        this.config = config;
        this.contacts = contacts;
        this.enrollments = enrollments;
        this.campaigns = campaigns;
        this.validator = validator;
        this.retries = retries;
        this.clock = clock;
    }

    public Result accept(ContactSubmission submission) {
        return acceptAll(List.of(submission)).getFirst();
    }

    /** Validates the submissions together (their DNS lookups overlap), then stores and enrolls each in turn. */
    public List<Result> acceptAll(List<ContactSubmission> submissions) {
        List<Validation> validations = validateAll(submissions);
        List<Result> results = new ArrayList<>(submissions.size());
        for (int i = 0; i < submissions.size(); i++) {
            results.add(accept(submissions.get(i), validations.get(i)));
        }
        return results;
    }

    /**
     * The first half of {@link #acceptAll}, for callers that report failures per submission (the queue handler):
     * the validations, in order, DNS lookups overlapping.
     */
    public List<Validation> validateAll(List<ContactSubmission> submissions) {
        List<BulkValidator.Item> items = new ArrayList<>(submissions.size());
        for (ContactSubmission submission : submissions) {
            String tenant = config.tenants().find(submission.tenant()).map(Tenant::id).orElse(null);
            items.add(new BulkValidator.Item(submission.email(), tenant, config.routing().policyFor(submission.tenant())));
        }
        return validator.validateAll(items);
    }

    /** The second half: stores the submission with its validation, and enrolls it when valid. */
    public Result accept(ContactSubmission submission, Validation validation) {
        Optional<Tenant> found = config.tenants().find(submission.tenant());
        if (found.isEmpty() || validation.address() == null) {
            return Result.REJECTED;
        }
        Tenant tenant = found.get();
        Instant now = clock.instant();
        EmailHash id = EmailHash.of(validation.address());
        Verdict verdict = validation.verdict();
        boolean exhausted = verdict == Verdict.UNKNOWN && submission.attempt() >= RETRY_DELAYS.size();
        ContactStatus status = switch (verdict) {
            case VALID -> ContactStatus.VALID;
            case RISKY -> ContactStatus.RISKY;
            case INVALID -> ContactStatus.INVALID;
            case UNKNOWN -> exhausted ? ContactStatus.RISKY : ContactStatus.NEW;
        };
        String verdictText = verdict.wireName() + (validation.codes().isEmpty() ? "" : " " + validation.codes());
        ContactUpdate update = update(submission, tenant, validation, now);
        String language = (String) update.given().getOrDefault("language", update.derived().get("language"));
        Contact fresh = new Contact(tenant.id(), id, validation.address().value(), submission.profileOrEmpty().firstName(),
                language, submission.source() != null ? submission.source() : submission.sourceId(), status, now);
        boolean created = contacts.createIfAbsent(fresh, update);
        Contact stored;
        if (created) {
            stored = fresh;
        } else {
            contacts.merge(tenant.id(), id, update);
            stored = contacts.find(tenant.id(), id).orElse(fresh);
            String event = "validate:" + submission.requestId() + ":" + submission.attempt();
            boolean fromPending = stored.status() == ContactStatus.NEW || stored.status() == ContactStatus.RISKY;
            boolean moves = switch (status) {
                case VALID, RISKY -> fromPending && stored.status() != status;
                case INVALID -> stored.status().mailable();
                default -> false;
            };
            if (moves && contacts.changeStatus(tenant.id(), id, status, "validated again: " + verdictText, event, now)) {
                stored = contacts.find(tenant.id(), id).orElse(stored);
            }
        }
        switch (verdict) {
            case INVALID -> {
                return Result.INVALID;
            }
            case RISKY -> {
                return Result.HELD;
            }
            case UNKNOWN -> {
                if (exhausted) {
                    return Result.UNKNOWN;
                }
                retries.submitLater(submission.nextAttempt(), RETRY_DELAYS.get(submission.attempt()));
                return Result.RETRY_LATER;
            }
            case VALID -> {
                // enrolled below
            }
        }
        if (!stored.status().mailable()) {
            return Result.NOT_MAILABLE;
        }
        if (stored.status() == ContactStatus.RISKY || stored.status() == ContactStatus.NEW) {
            return Result.HELD;
        }
        // The campaign routing chose, else the tenant's welcome campaign; a paused one still takes enrollments (they
        // wait), an archived or unknown one does not, and the contact stays valid for the next campaign.
        String campaignId = Optional.ofNullable(submission.campaign()).orElse(tenant.welcomeCampaign());
        CampaignLookup.Found joined = campaigns.find(tenant.id(), campaignId);
        if (joined.campaign().isEmpty() && submission.campaign() != null) {
            campaignId = tenant.welcomeCampaign();
            joined = campaigns.find(tenant.id(), campaignId);
        }
        if (joined.standing() == CampaignLookup.Standing.ENDED || joined.campaign().isEmpty()) {
            System.getLogger(ContactIntake.class.getName()).log(System.Logger.Level.WARNING, "contact " + id + " of "
                    + tenant.id() + " not enrolled: campaign '" + campaignId + "' is archived or gone");
            return Result.NO_CAMPAIGN;
        }
        Campaign campaign = joined.campaign().get();
        boolean enrolled = enrollments.enrollIfAbsent(Enrollment.start(campaign, id, stored.language(), now));
        contacts.changeStatus(tenant.id(), id, ContactStatus.ENROLLED, "enrolled in " + campaign.id(),
                "enroll:" + campaign.id(), now);
        return created || enrolled ? Result.ENROLLED : Result.DUPLICATE;
    }

    /** Splits what the submission brings into given and derived values (see {@link ContactUpdate}). */
    static ContactUpdate update(ContactSubmission submission, Tenant tenant, Validation validation, Instant now) {
        ContactProfile profile = submission.profileOrEmpty();
        Map<String, Object> given = new LinkedHashMap<>(profile.fields());
        Map<String, Object> derived = new LinkedHashMap<>();
        String languageSource = submission.languageSource();
        String language = submission.language();
        if (languageSource == null) {
            // A submission of the walking skeleton: a raw tag, the tenant's default when it names no template language.
            Optional<Language> tagged = Language.fromTag(language);
            language = tagged.map(Language::code).orElse(tenant.defaultLanguage());
            languageSource = tagged.isPresent() ? "given" : "tenant-default";
        }
        // A value's provenance travels with it: set when the value is given, filled only when derived.
        Map<String, Object> languageTarget = languageSource.equals("given") ? given : derived;
        languageTarget.put("language", language);
        languageTarget.put("language_source", languageSource);
        if (profile.country() != null && !"given".equals(submission.countrySource())) {
            derived.put("country", given.remove("country"));
        }
        if (submission.countrySource() != null) {
            ("given".equals(submission.countrySource()) ? given : derived).put("country_source", submission.countrySource());
        }
        if (profile.category() != null && "keyword".equals(submission.categorySource())) {
            derived.put("category", given.remove("category"));
        }
        if (submission.categorySource() != null && !"none".equals(submission.categorySource())) {
            ("given".equals(submission.categorySource()) ? given : derived).put("category_source", submission.categorySource());
        }
        if (submission.route() != null) {
            derived.put("route", submission.route());
        }
        Instant at = submission.receivedAt() != null ? submission.receivedAt() : now;
        String sourceId = submission.sourceId() != null ? submission.sourceId() : submission.source();
        return new ContactUpdate(sourceId, submission.source(), given, derived, at, submission.requestId(),
                validation.verdict().wireName(), validation.codes());
    }
}
