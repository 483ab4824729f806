package com.emailengine.core.suppression;

import com.emailengine.core.contact.EmailHash;
import java.time.Instant;

/**
 * One entry of a suppression list.
 *
 * @param scope  a tenant id, or {@link SuppressionList#GLOBAL}
 * @param reason why, e.g. {@code unsubscribed}, {@code complained}, {@code hard_bounce}, {@code operator}
 * @param origin what added it (an event id, an operator's name, an import file)
 */
public record Suppression(String scope, EmailHash id, String reason, String origin, Instant at) {
}
