package com.emailengine.core.campaign;

import com.emailengine.core.contact.Contact;
import com.emailengine.core.contact.ContactStore;
import com.emailengine.core.delivery.MessageIds;
import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.core.delivery.OutboundQueue;
import com.emailengine.core.delivery.ReturnPath;
import com.emailengine.core.templating.LanguageTag;
import com.emailengine.core.templating.MessageRenderer;
import com.emailengine.core.templating.MessageVariables;
import com.emailengine.core.templating.RenderedContent;
import com.emailengine.core.templating.RenderLimitException;
import com.emailengine.core.templating.TemplateRef;
import com.emailengine.core.templating.TemplateRenderException;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.core.tenant.Tenants;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduler's work: renders every due campaign step and queues it for the fleet, then advances
 * the enrollment.
 *
 * <p>Order matters for "never lose, never send twice": the message is queued first, the enrollment
 * advanced second. A crash in between re-queues the same message (same stable id) on the next run, and
 * the fleet refuses an id it already sent. The other order could lose a message. Not thread-safe across
 * concurrent runs for one tenant by design: the schedule runs one at a time (reserved concurrency 1);
 * the conditional advance keeps even an overlap from sending a step twice through the queue.
 *
 * <p>A render is bounded by its own time budget, but a batch of renders that each use all of it would still hold the
 * run for minutes: once a template version has run out of time {@value #OUT_OF_TIME_PER_RUN} times in a run, its
 * other steps are left due for the next run without being rendered (counted failed), and the run goes on with the
 * other templates. More than one, so that a few contacts whose data alone makes the template slow do not hold back
 * everyone else's messages.
 */
public final class DueSteps {

    static final int OUT_OF_TIME_PER_RUN = 2;

    /** How long an enrollment of a paused campaign waits before the next look: a resume takes effect within it. */
    public static final java.time.Duration HELD_RECHECK = java.time.Duration.ofMinutes(5);

    /** Counts of one run. */
    public record Report(int queued, int stopped, int failed, int held) {

        public Report(int queued, int stopped, int failed) {
            this(queued, stopped, failed, 0);
        }
    }

    private final Tenants tenants;
    private final CampaignLookup campaigns;
    private final MessageIds messageIds;
    private final EnrollmentStore enrollments;
    private final ContactStore contacts;
    private final MessageRenderer renderer;
    private final OutboundQueue outbound;
    private final Clock clock;
    private final int batchLimit;

    public DueSteps(Tenants tenants, CampaignLookup campaigns, MessageIds messageIds, EnrollmentStore enrollments,
                    ContactStore contacts, MessageRenderer renderer,
                    OutboundQueue outbound, Clock clock, int batchLimit) {
        this.tenants = tenants;
        this.campaigns = campaigns;
        this.messageIds = messageIds;
        this.enrollments = enrollments;
        this.contacts = contacts;
        this.renderer = renderer;
        this.outbound = outbound;
        this.clock = clock;
        this.batchLimit = batchLimit;
    }

    public Report run() {
        int queued = 0;
        int stopped = 0;
        int failed = 0;
        int held = 0;
        Instant now = clock.instant();
        Map<TemplateRef, Integer> outOfTime = new HashMap<>();
        for (Tenant tenant : tenants.all()) {
            for (Enrollment enrollment : enrollments.due(tenant.id(), now, batchLimit)) {
                switch (send(tenant, enrollment, now, outOfTime)) {
                    case QUEUED -> queued++;
                    case STOPPED -> stopped++;
                    case FAILED -> failed++;
                    case HELD -> held++;
                }
            }
        }
        return new Report(queued, stopped, failed, held);
    }

    private enum StepResult { QUEUED, STOPPED, FAILED, HELD }

    private StepResult send(Tenant tenant, Enrollment enrollment, Instant now, Map<TemplateRef, Integer> outOfTime) {
        Optional<Contact> contact = contacts.find(tenant.id(), enrollment.contactId());
        if (contact.isEmpty() || !contact.get().status().mailable()) {
            enrollments.stop(enrollment, contact.map(c -> "contact is " + c.status().wireName()).orElse("contact is gone"));
            return StepResult.STOPPED;
        }
        CampaignLookup.Found found = campaigns.find(tenant.id(), enrollment.campaignId());
        if (found.standing() == CampaignLookup.Standing.HELD) {
            // Paused: moved out of the way of the tenant's other campaigns, looked at again after HELD_RECHECK.
            enrollments.postpone(enrollment, enrollment.nextStep(), now.plus(HELD_RECHECK));
            return StepResult.HELD;
        }
        Optional<Campaign> campaign = found.campaign();
        Optional<CampaignStep> step = campaign.flatMap(c -> c.step(enrollment.nextStep()));
        if (found.standing() == CampaignLookup.Standing.ENDED || step.isEmpty()) {
            enrollments.stop(enrollment, found.standing() == CampaignLookup.Standing.ENDED ? "campaign ended"
                    : "the campaign's running version has no step " + (enrollment.nextStep() + 1));
            return StepResult.STOPPED;
        }
        TemplateRef template = step.get().template(tenant.id());
        if (outOfTime.getOrDefault(template, 0) >= OUT_OF_TIME_PER_RUN) {
            return StepResult.FAILED;
        }
        String messageId = messageIds.forStep(tenant.id(), enrollment.campaignId(), enrollment.contactId().hex(),
                enrollment.nextStep());
        RenderedContent content;
        try {
            // The step pins the template version, so every contact of a campaign gets the same text; the language is
            // the contact's, falling back to its base language, the tenant's default, then the template's own.
            content = renderer.render(template,
                    LanguageTag.parse(enrollment.language()).orElse(null), LanguageTag.parse(tenant.defaultLanguage()).orElse(null),
                    MessageVariables.of(tenant, contact.get(), enrollment.campaignId(), enrollment.nextStep(), messageId),
                    enrollment.contactId().hex());
        } catch (TemplateRenderException e) {
            // Left due: the operator fixes the template and the next run sends it.
            if (e instanceof RenderLimitException limit && limit.timeRanOut()
                    && outOfTime.merge(template, 1, Integer::sum) == OUT_OF_TIME_PER_RUN) {
                System.getLogger(DueSteps.class.getName()).log(System.Logger.Level.WARNING, "template " + template
                        + " ran out of render time " + OUT_OF_TIME_PER_RUN + " times: its other steps wait for the next run");
            }
            System.getLogger(DueSteps.class.getName()).log(System.Logger.Level.WARNING,
                    "not sending step " + enrollment.nextStep() + " of " + enrollment.campaignId() + " to contact "
                            + enrollment.contactId() + ": " + e.getMessage());
            return StepResult.FAILED;
        }
        outbound.enqueue(new OutboundMessage(messageId, tenant.id(), enrollment.campaignId(), enrollment.nextStep(),
                enrollment.contactId().hex(), contact.get().email(), tenant.fromAddress(), tenant.fromName(),
                ReturnPath.of(messageId, tenant.returnPathDomain()), content.subject(), content.html(), content.text(),
                content.language().value(), now));
        Optional<Instant> nextDue = campaign.get().step(enrollment.nextStep() + 1).map(next -> now.plus(next.delay()));
        enrollments.advance(enrollment, enrollment.nextStep(), nextDue);
        return StepResult.QUEUED;
    }
}
