package com.emailengine.core.campaign;

import java.util.List;
import java.util.Optional;

/** A sequence of messages a contact receives once enrolled; belongs to one tenant. */
public record Campaign(String id, String tenantId, List<CampaignStep> steps) {

    public Campaign {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("campaign " + id + " has no step");
        }
    }

    /** The step with this 0-based number, or empty when the sequence is finished. */
    public Optional<CampaignStep> step(int number) {
        return number >= 0 && number < steps.size() ? Optional.of(steps.get(number)) : Optional.empty();
    }
}
