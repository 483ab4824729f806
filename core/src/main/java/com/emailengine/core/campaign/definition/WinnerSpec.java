package com.emailengine.core.campaign.definition;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * An A/B step's automatic winner: {@code testSharePercent} of the step's contacts go first, split by the variants'
 * percentages; {@code waitFor} after the first of them was sent, the variant with the best {@code metric} wins by the
 * rule of {@code core.campaign.abtest} (none on noise: then {@code defaultVariant}), and the rest get the winner.
 */
public record WinnerSpec(Metric metric, int testSharePercent, Duration waitFor, int minimumSample, double confidence,
                         String defaultVariant) {

    public enum Metric {
        OPEN_RATE, CLICK_RATE, REPLY_RATE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Metric> parse(String text) {
            for (Metric metric : values()) {
                if (metric.wireName().equals(text)) {
                    return Optional.of(metric);
                }
            }
            return Optional.empty();
        }
    }
}
