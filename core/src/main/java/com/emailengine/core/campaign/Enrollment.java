package com.emailengine.core.campaign;

import com.emailengine.core.contact.EmailHash;
import java.time.Instant;
import java.util.Optional;

/**
 * A contact's place in a campaign.
 *
 * @param nextStep number of the next step to send; equals the number of steps once finished
 * @param dueAt    when the next step is due; empty once the enrollment is finished or stopped
 */
public record Enrollment(
        String tenantId,
        String campaignId,
        EmailHash contactId,
        String language,
        int nextStep,
        Optional<Instant> dueAt,
        Instant enrolledAt) {

    public static Enrollment start(Campaign campaign, EmailHash contactId, String language, Instant now) {
        Instant due = now.plus(campaign.steps().getFirst().delay());
        return new Enrollment(campaign.tenantId(), campaign.id(), contactId, language, 0, Optional.of(due), now);
    }
}
