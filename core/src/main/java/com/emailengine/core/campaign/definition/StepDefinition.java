package com.emailengine.core.campaign.definition;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * One step of a campaign as the operator defined it.
 *
 * @param number          0-based (the API shows it from 1)
 * @param templateVersion the pinned version of the tenant's template; 0 for the template shipped with the engine
 * @param delay           after enrollment (first step) or after the previous step was sent; empty when {@code at} is set
 * @param at              an absolute date and time, in the contact's time zone
 * @param variants        empty, or two or more arms of an A/B test
 */
public record StepDefinition(int number, String templateKey, int templateVersion, Optional<Duration> delay,
                             Optional<LocalDateTime> at, Optional<StepCondition> condition, List<StepVariant> variants,
                             Optional<WinnerSpec> winner) {

    public StepDefinition {
        variants = List.copyOf(variants);
    }
}
