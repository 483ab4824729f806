package com.emailengine.core.campaign.abtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TwoProportionZTestTest {

    /**
     * Worked by hand: 150 of 1,000 against 100 of 1,000. Pooled p̂ = 250 / 2,000 = 0.125;
     * SE = √(0.125 × 0.875 × (1/1,000 + 1/1,000)) = √0.00021875 = 0.0147902;
     * z = (0.150 − 0.100) / 0.0147902 = 3.38062; one-sided p = 1 − Φ(3.38062) = 0.000362.
     */
    @Test
    void aHandComputedExampleGivesItsZAndPValue() {
        TwoProportionZTest test = TwoProportionZTest.of(150, 1_000, 100, 1_000);

        assertThat(test.z()).isCloseTo(3.38062, within(1e-5));
        assertThat(test.pValue()).isCloseTo(0.000362, within(1e-6));
    }

    /** 105 vs 100 of 1,000: p̂ = 0.1025, SE = √(0.1025 × 0.8975 × 0.002) = 0.0135642, z = 0.005 / SE = 0.36862. */
    @Test
    void aSmallDifferenceIsASmallZAndALargePValue() {
        TwoProportionZTest test = TwoProportionZTest.of(105, 1_000, 100, 1_000);

        assertThat(test.z()).isCloseTo(0.36862, within(1e-5));
        assertThat(test.pValue()).isCloseTo(0.35621, within(1e-5));
    }

    @Test
    void theTestIsOneSidedSoTheLowerRateFirstHasAPValueAboveOneHalf() {
        TwoProportionZTest reversed = TwoProportionZTest.of(100, 1_000, 150, 1_000);

        assertThat(reversed.z()).isCloseTo(-3.38062, within(1e-5));
        assertThat(reversed.pValue()).isCloseTo(1 - 0.000362, within(1e-6));
    }

    @Test
    void unequalSampleSizesArePooledBySends() {
        // p̂ = 90 / 1,500 = 0.06; SE = √(0.06 × 0.94 × (1/500 + 1/1,000)) = 0.0130077; z = (0.08 − 0.05) / SE = 2.30632
        TwoProportionZTest test = TwoProportionZTest.of(40, 500, 50, 1_000);

        assertThat(test.z()).isCloseTo(2.30633, within(1e-5));
    }

    @Test
    void equalRatesAndRatesWithNoVarianceSeparateNothing() {
        assertThat(TwoProportionZTest.of(100, 1_000, 200, 2_000).z()).isZero();
        assertThat(TwoProportionZTest.of(0, 1_000, 0, 500)).isEqualTo(new TwoProportionZTest(0, 0.5));
        assertThat(TwoProportionZTest.of(300, 300, 200, 200)).isEqualTo(new TwoProportionZTest(0, 0.5));
    }

    @Test
    void aSideWithoutSendsIsRefused() {
        assertThatThrownBy(() -> TwoProportionZTest.of(0, 0, 10, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs sends on both sides");
    }
}
