package com.emailengine.core.contact;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one submission brings to a stored contact, and the merge rule it is applied by (docs/decisions.md, "A contact
 * posted twice"):
 * <ul>
 *   <li>{@code given} fields (what the source sent) of a submission received at or after the stored profile's time
 *       replace the stored values; from an older submission processed late they only fill empty fields;</li>
 *   <li>{@code derived} fields (language from the country, country from a TLD, category from keywords) only ever fill
 *       empty fields, so a derived value never overrides a given one;</li>
 *   <li>an absent field never erases a stored one; identity (address, tenant, creation, first source) never changes;
 *       every source that posted the contact is remembered;</li>
 *   <li>the latest validation (verdict and reason codes) replaces the previous one.</li>
 * </ul>
 *
 * @param given    stored attribute name → value, as the source sent them
 * @param derived  stored attribute name → value, as enrichment found them (including their provenance attributes)
 * @param at       when the API received the submission (orders submissions, not processing)
 * @param verdict  the verdict of the latest validation ({@code valid}, {@code risky}, {@code invalid}, {@code unknown})
 * @param findings the reason codes of that validation
 */
public record ContactUpdate(String sourceId, String sourceLabel, Map<String, Object> given, Map<String, Object> derived,
                            Instant at, String requestId, String verdict, List<String> findings) {

    public ContactUpdate {
        given = Map.copyOf(given);
        derived = Map.copyOf(derived);
        findings = List.copyOf(findings);
    }
}
