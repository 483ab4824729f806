package com.emailengine.core.campaign.abtest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the rule decided for an A/B step, with everything needed to explain it later: the figures it read, each
 * comparison, the rule and its parameters, and when.
 *
 * @param variantId       the variant the held contacts get: the winner, or the test's default
 * @param reason          the decision in words, with its figures
 * @param comparisons     the leader against each other variant; empty when the rule stopped before testing
 *                        (a sample too small, a tie)
 * @param rule            {@link WinnerRule#NAME}
 * @param test            the parameters the rule was applied with
 * @param comparisonAlpha the p-value each comparison had to beat, α/(k − 1)
 */
public record WinnerDecision(String variantId, DecisionBasis basis, String reason, List<VariantFigures> figures,
                             List<VariantComparison> comparisons, String rule, WinnerTest test, double comparisonAlpha,
                             Instant decidedAt) {

    public WinnerDecision {
        Objects.requireNonNull(variantId, "variantId");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(decidedAt, "decidedAt");
        figures = List.copyOf(figures);
        comparisons = List.copyOf(comparisons);
    }

    /** A real winner, as opposed to the default chosen by rule. */
    public boolean isWinner() {
        return basis.isWinner();
    }
}
