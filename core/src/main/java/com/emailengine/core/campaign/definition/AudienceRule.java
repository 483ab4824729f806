package com.emailengine.core.campaign.definition;

import java.util.List;

/**
 * One condition on who a campaign reaches; an audience is every rule at once (AND). Rules name a contact field
 * ({@code source}, {@code language}, {@code country}, {@code category}, {@code tags}, {@code domain_authority},
 * {@code page_rank}, {@code ingested_at}) or a custom field ({@code fields.city}).
 *
 * @param operator {@code in}, {@code not_in} (values: the allowed or refused values), {@code between} (two numbers,
 *                 inclusive), {@code after}, {@code before} (one ISO date), {@code contains} (a tag),
 *                 {@code equals} (one value), {@code exists} (no value)
 */
public record AudienceRule(String field, String operator, List<String> values) {

    public AudienceRule {
        values = List.copyOf(values);
    }
}
