package com.emailengine.core.campaign.abtest;

import static com.emailengine.core.campaign.abtest.WinnerMetric.CLICK_RATE;
import static com.emailengine.core.campaign.abtest.WinnerMetric.OPEN_RATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The winner rule on fixed figures: a pooled one-sided z-test of the leader against each other, Bonferroni. */
class WinnerRuleTest {

    private static final Instant AT = Instant.parse("2026-12-03T14:00:00Z");
    private static final WinnerTest OPENS_AT_95 = new WinnerTest(OPEN_RATE, 20, Duration.ofHours(4), 200, 0.95, "a");

    private static VariantResult opens(String id, long opened, long sent) {
        return VariantResult.of(id, OPEN_RATE, opened, sent);
    }

    @Test
    void aClearlyBetterVariantWins() {
        WinnerDecision decision = WinnerRule.decide(List.of(opens("a", 100, 1_000), opens("b", 150, 1_000)),
                OPENS_AT_95, AT);

        assertThat(decision.variantId()).isEqualTo("b");
        assertThat(decision.isWinner()).isTrue();
        assertThat(decision.basis()).isEqualTo(DecisionBasis.SIGNIFICANT_WINNER);
        assertThat(decision.comparisons()).singleElement().satisfies(c -> {
            assertThat(c.leader()).isEqualTo("b");
            assertThat(c.other()).isEqualTo("a");
            assertThat(c.z()).isCloseTo(3.38062, within(1e-5));
            assertThat(c.pValue()).isCloseTo(0.000362, within(1e-6));
            assertThat(c.threshold()).isCloseTo(0.05, within(1e-12));
            assertThat(c.significant()).isTrue();
        });
    }

    @Test
    void theReasonStatesTheFiguresTheTestAndTheThreshold() {
        WinnerDecision decision = WinnerRule.decide(List.of(opens("a", 100, 1_000), opens("b", 150, 1_000)),
                OPENS_AT_95, AT);

        assertThat(decision.reason()).isEqualTo("b wins on open rate at 95% confidence: "
                + "b: 15.0% vs a: 10.0% (z = 3.38, p = 0.0004 < 0.05, n = 1,000 / 1,000)");
    }

    @Test
    void theDecisionRecordsTheFiguresTheRuleItsParametersAndTheTime() {
        WinnerDecision decision = WinnerRule.decide(List.of(opens("a", 100, 1_000), opens("b", 150, 1_000)),
                OPENS_AT_95, AT);

        assertThat(decision.figures()).extracting(VariantFigures::variantId, VariantFigures::sent,
                        VariantFigures::successes, VariantFigures::rate)
                .containsExactly(tuple("a", 1_000L, 100L, 0.10), tuple("b", 1_000L, 150L, 0.15));
        assertThat(decision.rule()).isEqualTo(WinnerRule.NAME);
        assertThat(decision.test()).isEqualTo(OPENS_AT_95);
        assertThat(decision.comparisonAlpha()).isCloseTo(0.05, within(1e-12));
        assertThat(decision.decidedAt()).isEqualTo(AT);
    }

    /** 105 vs 100 of 1,000: z = 0.37, p = 0.356, nowhere near 0.05. */
    @Test
    void aDifferenceThatIsNoiseGivesNoWinnerAndTheDefault() {
        WinnerDecision decision = WinnerRule.decide(List.of(opens("a", 100, 1_000), opens("b", 105, 1_000)),
                OPENS_AT_95, AT);

        assertThat(decision.variantId()).isEqualTo("a");
        assertThat(decision.isWinner()).isFalse();
        assertThat(decision.basis()).isEqualTo(DecisionBasis.NOT_SIGNIFICANT);
        assertThat(decision.reason()).isEqualTo("no winner on noise on open rate at 95% confidence: "
                + "b: 10.5% vs a: 10.0% (z = 0.37, p = 0.3562 ≥ 0.05, n = 1,000 / 1,000); default a");
    }

    @Test
    void aVariantBelowTheMinimumSampleMeansNoWinnerHoweverLargeTheDifferenceLooks() {
        // 40% against 6.7% of 150 each: z = 6.8, but 150 sends are fewer than the minimum 200
        WinnerDecision decision = WinnerRule.decide(List.of(opens("a", 10, 150), opens("b", 60, 150)), OPENS_AT_95, AT);

        assertThat(decision.variantId()).isEqualTo("a");
        assertThat(decision.basis()).isEqualTo(DecisionBasis.SAMPLE_TOO_SMALL);
        assertThat(decision.comparisons()).isEmpty();
        assertThat(decision.reason()).isEqualTo(
                "no winner: variants a (150 sends) and b (150 sends) have fewer sends than the minimum 200; default a");
    }

    @Test
    void oneSmallVariantIsEnoughToStopTheRuleAndIsNamedWithItsSends() {
        WinnerDecision decision = WinnerRule.decide(
                List.of(opens("a", 100, 1_000), opens("b", 300, 1_000), opens("c", 20, 37)), OPENS_AT_95, AT);

        assertThat(decision.basis()).isEqualTo(DecisionBasis.SAMPLE_TOO_SMALL);
        assertThat(decision.reason()).isEqualTo("no winner: variant c has 37 sends, fewer than the minimum 200; default a");
        assertThat(decision.figures()).extracting(VariantFigures::sent).containsExactly(1_000L, 1_000L, 37L);
    }

    /**
     * c: 127 of 1,000 against a and b: 100 of 1,000 each. z = 1.903, one-sided p = 0.0285 for both comparisons:
     * below 0.05, so each alone would count, but above the Bonferroni bound 0.05 / 2 = 0.025.
     */
    @Test
    void withThreeVariantsADifferenceSignificantUncorrectedButNotAfterBonferroniIsNoWinner() {
        WinnerDecision decision = WinnerRule.decide(
                List.of(opens("a", 100, 1_000), opens("b", 100, 1_000), opens("c", 127, 1_000)), OPENS_AT_95, AT);

        assertThat(decision.comparisons()).hasSize(2).allSatisfy(c -> {
            assertThat(c.leader()).isEqualTo("c");
            assertThat(c.z()).isCloseTo(1.90332, within(1e-5));
            assertThat(c.pValue()).isCloseTo(0.02850, within(1e-5)).isLessThan(0.05).isGreaterThan(0.025);
            assertThat(c.threshold()).isCloseTo(0.025, within(1e-12));
            assertThat(c.significant()).isFalse();
        });
        assertThat(decision.basis()).isEqualTo(DecisionBasis.NOT_SIGNIFICANT);
        assertThat(decision.variantId()).isEqualTo("a");
        assertThat(decision.reason()).isEqualTo("no winner on noise on open rate at 95% confidence, "
                + "Bonferroni over 2 comparisons (0.05 / 2): "
                + "c: 12.7% vs a: 10.0% (z = 1.90, p = 0.0285 ≥ 0.025, n = 1,000 / 1,000); "
                + "c: 12.7% vs b: 10.0% (z = 1.90, p = 0.0285 ≥ 0.025, n = 1,000 / 1,000); default a");
    }

    @Test
    void theSameDifferenceBetweenTwoVariantsIsAWinnerBecauseThereIsOneComparison() {
        WinnerDecision decision = WinnerRule.decide(List.of(opens("a", 100, 1_000), opens("c", 127, 1_000)),
                OPENS_AT_95, AT);

        assertThat(decision.variantId()).isEqualTo("c");
        assertThat(decision.isWinner()).isTrue();
    }

    @Test
    void theLeaderMustBeatEveryOtherVariantNotJustTheWeakest() {
        // c 150 beats a 100 (p = 0.0004) but not b 140 (z = 0.64): no winner
        WinnerDecision decision = WinnerRule.decide(
                List.of(opens("a", 100, 1_000), opens("b", 140, 1_000), opens("c", 150, 1_000)), OPENS_AT_95, AT);

        assertThat(decision.comparisons()).extracting(VariantComparison::other, VariantComparison::significant)
                .containsExactly(tuple("a", true), tuple("b", false));
        assertThat(decision.basis()).isEqualTo(DecisionBasis.NOT_SIGNIFICANT);
        assertThat(decision.variantId()).isEqualTo("a");
    }

    @Test
    void aLeaderThatBeatsEveryOtherAfterTheCorrectionWins() {
        WinnerTest clicks = new WinnerTest(CLICK_RATE, 20, Duration.ofHours(4), 200, 0.95, "a");
        WinnerDecision decision = WinnerRule.decide(List.of(VariantResult.of("a", CLICK_RATE, 100, 1_000),
                VariantResult.of("b", CLICK_RATE, 110, 1_000), VariantResult.of("c", CLICK_RATE, 160, 1_000)), clicks, AT);

        assertThat(decision.variantId()).isEqualTo("c");
        assertThat(decision.basis()).isEqualTo(DecisionBasis.SIGNIFICANT_WINNER);
        assertThat(decision.comparisons()).allSatisfy(c -> assertThat(c.pValue()).isLessThan(0.025));
        assertThat(decision.reason()).startsWith("c wins on click rate at 95% confidence, Bonferroni over 2 comparisons");
    }

    @Test
    void variantsTiedAtTheTopGiveTheDefault() {
        WinnerDecision decision = WinnerRule.decide(
                List.of(opens("a", 80, 1_000), opens("b", 120, 1_000), opens("c", 240, 2_000)), OPENS_AT_95, AT);

        assertThat(decision.basis()).isEqualTo(DecisionBasis.TIE);
        assertThat(decision.variantId()).isEqualTo("a");
        assertThat(decision.comparisons()).isEmpty();
        assertThat(decision.reason()).isEqualTo("no winner: b and c tie on open rate at 12.0%; default a");
    }

    @Test
    void theMetricChosenIsTheOneRead() {
        VariantResult a = new VariantResult("a", 1_000, 300, 100, 5);
        VariantResult b = new VariantResult("b", 1_000, 300, 150, 5);

        assertThat(WinnerRule.decide(List.of(a, b), OPENS_AT_95, AT).basis()).isEqualTo(DecisionBasis.TIE);
        WinnerTest clicks = new WinnerTest(CLICK_RATE, 20, Duration.ofHours(4), 200, 0.95, "a");
        assertThat(WinnerRule.decide(List.of(a, b), clicks, AT).variantId()).isEqualTo("b");
    }

    @Test
    void aHigherConfidenceNeedsStrongerEvidence() {
        // 140 vs 100 of 1,000: p = 0.0030, a winner at 0.99 (α 0.01), not at 0.999 (α 0.001)
        List<VariantResult> results = List.of(opens("a", 100, 1_000), opens("b", 140, 1_000));

        assertThat(WinnerRule.decide(results, withConfidence(0.99), AT).isWinner()).isTrue();
        WinnerDecision strict = WinnerRule.decide(results, withConfidence(0.999), AT);
        assertThat(strict.isWinner()).isFalse();
        assertThat(strict.reason()).contains("at 99.9% confidence", "p = 0.0030 ≥ 0.001");
    }

    @Test
    void theReasonIsWrittenTheSameWhateverTheLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            WinnerDecision decision = WinnerRule.decide(List.of(opens("a", 1_000, 10_000), opens("b", 1_500, 10_000)),
                    OPENS_AT_95, AT);

            assertThat(decision.reason()).contains("b: 15.0% vs a: 10.0%", "n = 10,000 / 10,000");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void resultsThatDoNotDescribeTheStepAreRefused() {
        assertThatThrownBy(() -> WinnerRule.decide(List.of(opens("a", 1, 100)), OPENS_AT_95, AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a decision needs the results of 2 to 10 variants, not 1");
        assertThatThrownBy(() -> WinnerRule.decide(List.of(opens("a", 1, 100), opens("a", 2, 100)), OPENS_AT_95, AT))
                .hasMessage("variant a is reported twice");
        assertThatThrownBy(() -> WinnerRule.decide(List.of(opens("b", 1, 100), opens("c", 2, 100)), OPENS_AT_95, AT))
                .hasMessage("default variant a is not among the results of b, c");
        assertThatThrownBy(() -> new VariantResult("a", 1_000, 1_200, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("variant a has 1200 opens of 1000 sends: count each contact once, from 0 to the sends");
    }

    private static WinnerTest withConfidence(double confidence) {
        return new WinnerTest(OPEN_RATE, 20, Duration.ofHours(4), 200, confidence, "a");
    }
}
