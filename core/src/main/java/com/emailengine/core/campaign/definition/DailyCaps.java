package com.emailengine.core.campaign.definition;

import java.util.OptionalInt;

/**
 * At most this many messages of the campaign a day, and at most this many a day to one recipient domain (so one
 * company's mail server is not flooded by a list scraped from its staff page). Empty: no cap of that kind; the
 * pool's warmup quotas hold in any case.
 */
public record DailyCaps(OptionalInt perDay, OptionalInt perRecipientDomain) {

    public static final DailyCaps NONE = new DailyCaps(OptionalInt.empty(), OptionalInt.empty());
}
