package com.emailengine.core.ingest;

import com.emailengine.core.campaign.Campaign;
import com.emailengine.core.campaign.Enrollment;
import com.emailengine.core.campaign.EnrollmentStore;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.contact.Contact;
import com.emailengine.core.contact.ContactStatus;
import com.emailengine.core.contact.ContactStore;
import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.core.contact.InvalidEmailAddressException;
import com.emailengine.core.templating.Language;
import com.emailengine.core.tenant.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Takes a submitted contact off the contacts queue: checks it again, stores it once per tenant
 * (de-duplicated by address hash) and enrolls it in the tenant's welcome campaign.
 *
 * <p>Every step is idempotent, so a redelivered message converges to the same state: a crash between
 * storing and enrolling is repaired by the retry. Thread-safe.
 */
public final class ContactIntake {

    /** What became of one submission. */
    public enum Result { ENROLLED, DUPLICATE, NOT_MAILABLE, REJECTED }

    private final EngineConfig config;
    private final ContactStore contacts;
    private final EnrollmentStore enrollments;
    private final Clock clock;

    public ContactIntake(EngineConfig config, ContactStore contacts, EnrollmentStore enrollments, Clock clock) {
        this.config = config;
        this.contacts = contacts;
        this.enrollments = enrollments;
        this.clock = clock;
    }

    public Result accept(ContactSubmission submission) {
        Optional<Tenant> tenant = config.tenants().find(submission.tenant());
        if (tenant.isEmpty()) {
            return Result.REJECTED;
        }
        EmailAddress address;
        try {
            address = EmailAddress.parse(submission.email());
        } catch (InvalidEmailAddressException e) {
            return Result.REJECTED;
        }
        Instant now = clock.instant();
        EmailHash id = EmailHash.of(address);
        String language = Language.fromTag(submission.language()).map(Language::code)
                .orElse(tenant.get().defaultLanguage());
        Contact fresh = new Contact(tenant.get().id(), id, address.value(), submission.firstName(), language,
                submission.source(), ContactStatus.VALID, now);
        boolean created = contacts.createIfAbsent(fresh);
        Contact stored = created ? fresh : contacts.find(fresh.tenantId(), id).orElse(fresh);
        if (!stored.status().mailable()) {
            return Result.NOT_MAILABLE;
        }
        Campaign welcome = config.campaigns().find(tenant.get().id(), tenant.get().welcomeCampaign())
                .orElseThrow(() -> new IllegalStateException("welcome campaign of " + tenant.get().id() + " vanished"));
        boolean enrolled = enrollments.enrollIfAbsent(Enrollment.start(welcome, id, stored.language(), now));
        contacts.changeStatus(stored.tenantId(), id, ContactStatus.ENROLLED, "enrolled in " + welcome.id(),
                "enroll:" + welcome.id(), now);
        return created || enrolled ? Result.ENROLLED : Result.DUPLICATE;
    }
}
