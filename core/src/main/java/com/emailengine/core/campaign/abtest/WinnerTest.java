package com.emailengine.core.campaign.abtest;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How an A/B step picks its winner: {@code testSharePercent} of the step's contacts go first, split among the
 * variants by their percentages; {@code decisionWait} after the first test send, {@link WinnerRule} decides on
 * {@code metric}; the held contacts then all get the winner, or {@code defaultVariant} when there is none.
 *
 * <p>The bounds contain those of the campaign definition reader (share 1-90, minimum 30 up, confidence 0.8-0.999).
 *
 * @param decisionWait  how long after the first test send the winner is decided ({@code wait} would clash with
 *                      {@code Object.wait})
 * @param minimumSample the fewest sends every variant needs before any winner is declared; at least 30, below
 *                      which the z-test's normal approximation of the binomial is not to be trusted
 * @param confidence    1 − α of the rule, such as 0.95; see {@link WinnerRule} for what it does and does not bound
 */
public record WinnerTest(WinnerMetric metric, int testSharePercent, Duration decisionWait, int minimumSample,
                         double confidence, String defaultVariant) {

    public static final int LEAST_MINIMUM_SAMPLE = 30;

    public WinnerTest {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(decisionWait, "decisionWait");
        Variant.requireValidId(defaultVariant, "default variant");
        if (testSharePercent < 1 || testSharePercent > 100) {
            throw new IllegalArgumentException("test share " + testSharePercent
                    + "% is not a whole percent from 1 to 100");
        }
        if (decisionWait.isNegative() || decisionWait.isZero()) {
            throw new IllegalArgumentException("wait " + decisionWait + " is not positive: the test needs time to be read");
        }
        if (minimumSample < LEAST_MINIMUM_SAMPLE) {
            throw new IllegalArgumentException("minimum sample " + minimumSample + " is below "
                    + LEAST_MINIMUM_SAMPLE + " sends per variant");
        }
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("confidence " + confidence
                    + " is not between 0.5 and 1 (exclusive), such as 0.95");
        }
    }

    /** α, the significance level the rule shares among its comparisons. */
    public double alpha() {
        return 1 - confidence;
    }

    /** When the winner is decided, for a test whose first message was sent at {@code firstTestSend}. */
    public Instant decisionDueAt(Instant firstTestSend) {
        return firstTestSend.plus(decisionWait);
    }
}
