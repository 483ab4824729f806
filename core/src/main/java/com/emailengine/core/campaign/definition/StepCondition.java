package com.emailengine.core.campaign.definition;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * When a step is sent only if the contact did (or did not) do something with an earlier step's message, within a
 * time after that message was sent ("not opened step 1 within 3 days"). A step whose condition fails is skipped, and
 * the sequence goes on with the next.
 *
 * @param step the earlier step, 0-based
 */
public record StepCondition(Kind kind, int step, Duration within) {

    public enum Kind {
        OPENED, CLICKED, REPLIED, NOT_OPENED, NOT_CLICKED, NOT_REPLIED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Kind> parse(String text) {
            for (Kind kind : values()) {
                if (kind.wireName().equals(text)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }
}
