package com.emailengine.core.campaign.definition;

import java.util.Locale;
import java.util.Optional;

/**
 * What enrolls a contact in an autoresponder: its ingest or routing to the tenant (optionally only from one source),
 * or an API call.
 *
 * @param source empty: any source
 */
public record TriggerSpec(Event event, Optional<String> source) {

    public enum Event {
        INGEST, API;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Event> parse(String text) {
            for (Event event : values()) {
                if (event.wireName().equals(text)) {
                    return Optional.of(event);
                }
            }
            return Optional.empty();
        }
    }
}
