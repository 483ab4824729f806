package com.emailengine.core.campaign.abtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Φ and its tail against published values (the first three are the textbook ones; the rest are
 * 0.5·erfc(x/√2) to 16 digits, from the C library's erfc).
 */
class StandardNormalTest {

    @Test
    void theTextbookValuesComeOutToSevenDecimals() {
        assertThat(StandardNormal.cdf(1.96)).isCloseTo(0.9750021, within(1e-7));
        assertThat(StandardNormal.cdf(2.5758)).isCloseTo(0.995, within(1e-6));
        assertThat(StandardNormal.cdf(-3)).isCloseTo(0.0013499, within(1e-7));
        assertThat(StandardNormal.cdf(0)).isEqualTo(0.5);
    }

    @ParameterizedTest
    @CsvSource({
        "-3,     0.0013498980316300957",
        "-1,     0.15865525393145707",
        "-0.3,   0.3820885778110474",
        "0.5,    0.6914624612740131",
        "0.7,    0.758036347776927",
        "1,      0.8413447460685429",
        "1.96,   0.9750021048517795",
        "2.5758, 0.9949995762622214",
    })
    void theDistributionFunctionIsAccurateToDoublePrecisionInEachRangeOfTheApproximation(double x, double phi) {
        assertThat(StandardNormal.cdf(x)).isCloseTo(phi, within(1e-15));
    }

    @ParameterizedTest
    @CsvSource({
        "3.3806, 3.616387542765751e-4",
        "5,      2.866515718791946e-7",
        "8,      6.220960574271819e-16",
        "10,     7.619853024160593e-24",
        "20,     2.7536241186063314e-89",
    })
    void smallTailsKeepTheirDigitsBecauseTheTailIsNotComputedAsOneMinusPhi(double x, double tail) {
        assertThat(StandardNormal.upperTail(x)).isCloseTo(tail, within(tail * 1e-12));
        assertThat(StandardNormal.cdf(-x)).isCloseTo(tail, within(tail * 1e-12));
    }

    @Test
    void theTailIsSymmetricAndFallsSteadily() {
        double previous = 1;
        for (int i = -800; i <= 800; i++) {
            double x = i / 100.0;
            double tail = StandardNormal.upperTail(x);
            assertThat(tail + StandardNormal.upperTail(-x)).isCloseTo(1, within(1e-15));
            assertThat(tail).isLessThanOrEqualTo(previous);
            previous = tail;
        }
    }

    @Test
    void farOutTheTailIsZeroAndNotANumberStaysNotANumber() {
        assertThat(StandardNormal.upperTail(45)).isZero();
        assertThat(StandardNormal.upperTail(-45)).isEqualTo(1);
        assertThat(StandardNormal.upperTail(Double.POSITIVE_INFINITY)).isZero();
        assertThat(StandardNormal.upperTail(Double.NaN)).isNaN();
    }
}
