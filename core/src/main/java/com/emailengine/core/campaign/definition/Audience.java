package com.emailengine.core.campaign.definition;

import java.util.List;
import java.util.Optional;

/** Who a campaign reaches: every rule must hold. No rule: every mailable contact of the tenant. */
public record Audience(List<AudienceRule> rules) {

    public static final Audience EVERYONE = new Audience(List.of());

    public Audience {
        rules = List.copyOf(rules);
    }

    /** The languages the audience is limited to, when one of its rules says so. */
    public Optional<List<String>> languages() {
        return rules.stream().filter(r -> r.field().equals("language") && r.operator().equals("in"))
                .map(AudienceRule::values).findFirst();
    }
}
