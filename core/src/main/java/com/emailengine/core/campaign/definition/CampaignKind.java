package com.emailengine.core.campaign.definition;

import java.util.Locale;
import java.util.Optional;

/** What starts a contact on a campaign. */
public enum CampaignKind {
    /** A multi-step drip: contacts are enrolled (by ingest routing or by the API) and walk the steps. */
    SEQUENCE,
    /** One send to a segment at a date. */
    BROADCAST,
    /** Steps started by an event (a contact ingested or routed to the tenant, an API call). */
    AUTORESPONDER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CampaignKind> parse(String text) {
        for (CampaignKind kind : values()) {
            if (kind.wireName().equals(text)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
