package com.emailengine.core.campaign.definition;

import com.emailengine.core.templating.LanguageTag;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A campaign as an operator defines it through the API: one immutable version of it. Read and checked by
 * {@link CampaignDefinitionReader}, written back by {@link CampaignDefinitionJson}.
 *
 * @param sendAt    a broadcast's date and time, in each contact's time zone
 * @param pool      the tenant's IP pool it sends from; empty: the tenant's pool
 * @param spread    whether sends are spread at random inside the window rather than all at its opening
 * @param languages the languages its templates must have; empty: the audience's languages, else the tenant's default
 */
public record CampaignDefinition(String id, String name, CampaignKind kind, Audience audience, Optional<TriggerSpec> trigger,
                                 Optional<LocalDateTime> sendAt, List<StepDefinition> steps, Optional<SendingWindowSpec> window,
                                 DailyCaps caps, Optional<String> pool, boolean spread, List<LanguageTag> languages) {

    public CampaignDefinition {
        steps = List.copyOf(steps);
        languages = List.copyOf(languages);
    }
}
