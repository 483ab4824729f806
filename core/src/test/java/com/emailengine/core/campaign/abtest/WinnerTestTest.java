package com.emailengine.core.campaign.abtest;

import static com.emailengine.core.campaign.abtest.WinnerMetric.OPEN_RATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The winner test's parameters: what is refused, and what follows from them. */
class WinnerTestTest {

    private static final Duration FOUR_HOURS = Duration.ofHours(4);

    @Test
    void theDecisionIsDueTheWaitAfterTheFirstTestSend() {
        WinnerTest test = new WinnerTest(OPEN_RATE, 20, FOUR_HOURS, 200, 0.95, "a");

        assertThat(test.decisionDueAt(Instant.parse("2026-12-03T10:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-03T14:00:00Z"));
        assertThat(test.alpha()).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void aTestShareOutsideOneToOneHundredPercentIsRefused() {
        assertThatThrownBy(() -> new WinnerTest(OPEN_RATE, 0, FOUR_HOURS, 200, 0.95, "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test share 0% is not a whole percent from 1 to 100");
        assertThatThrownBy(() -> new WinnerTest(OPEN_RATE, 101, FOUR_HOURS, 200, 0.95, "a"))
                .hasMessage("test share 101% is not a whole percent from 1 to 100");
    }

    @Test
    void aConfidenceOutsideOneHalfToOneIsRefused() {
        for (double confidence : new double[] {0.5, 1, 95, -0.95, Double.NaN}) {
            assertThatThrownBy(() -> new WinnerTest(OPEN_RATE, 20, FOUR_HOURS, 200, confidence, "a"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not between 0.5 and 1 (exclusive), such as 0.95");
        }
    }

    @Test
    void aMinimumSampleBelowThirtyAndAWaitOfNothingAreRefused() {
        assertThatThrownBy(() -> new WinnerTest(OPEN_RATE, 20, FOUR_HOURS, 29, 0.95, "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minimum sample 29 is below 30 sends per variant");
        assertThatThrownBy(() -> new WinnerTest(OPEN_RATE, 20, Duration.ZERO, 200, 0.95, "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not positive");
        assertThatThrownBy(() -> new WinnerTest(OPEN_RATE, 20, FOUR_HOURS, 200, 0.95, "A"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("default variant 'A' is not 1 to 16 lower-case letters, digits and dashes");
    }
}
