package com.emailengine.core.campaign.abtest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides an A/B step's winner at the end of its wait, or says why there is none ("no winner on noise").
 *
 * <p>The rule, for k variants (2 ≤ k ≤ 10), variant i having n_i sends and x_i successes on the test's metric:
 * <ol>
 *   <li><b>Sample.</b> Every variant needs n_i ≥ {@code minimumSample}; otherwise no winner, however large the
 *       difference looks ({@link DecisionBasis#SAMPLE_TOO_SMALL}). Small samples are where large differences are
 *       noise, and where the normal approximation behind the z-test fails.</li>
 *   <li><b>Leader.</b> The leader L is the variant with the highest rate x_i/n_i. If two or more share the highest
 *       rate exactly, no winner ({@link DecisionBasis#TIE}).</li>
 *   <li><b>Comparisons.</b> L against each other variant j by the pooled two-proportion z-test, one-sided
 *       (H0: p_L ≤ p_j against H1: p_L &gt; p_j): p̂ = (x_L + x_j)/(n_L + n_j),
 *       z = (x_L/n_L − x_j/n_j) / √(p̂(1 − p̂)(1/n_L + 1/n_j)), p-value = 1 − Φ(z) ({@link TwoProportionZTest}).</li>
 *   <li><b>Bonferroni.</b> With α = 1 − confidence, each comparison counts only when its p-value is below
 *       α/(k − 1). L wins when all k − 1 comparisons count ({@link DecisionBasis#SIGNIFICANT_WINNER}); otherwise no
 *       winner ({@link DecisionBasis#NOT_SIGNIFICANT}).</li>
 * </ol>
 * Without a winner the decision names the test's default variant.
 *
 * <p><b>Why Bonferroni, not Holm.</b> A winner needs every one of the k − 1 comparisons, and when all are rejected
 * Holm's step-down compares the weakest of them with α itself (α/m for the strongest, …, α for the weakest); with
 * a leader picked after seeing the data, that lets more noise through. A false winner goes to every held contact; a
 * missed one only sends the default, which the operator would have sent without a test. So the stricter bound, the
 * same for every comparison, which also reads in one line of the reason. For two variants the two coincide.
 *
 * <p><b>What α does and does not bound.</b> Each comparison is one-sided in the direction the data chose (the
 * leader), so when no variant is really better the chance that one of them is declared the winner is up to
 * k·α/(k − 1): about 2α for two variants (10% at confidence 0.95), at most 1.5α for three. An operator who wants
 * a false-winner rate of at most α between two variants sets the confidence to 1 − α/2 (0.975 for 5%). The rule
 * is meant to look once, at the end of the wait: deciding again and again as figures arrive, and stopping at the
 * first winner, would raise that rate further. Power is the other side: at 1,000 sends each, 10% against 12% is
 * not yet a winner at 0.95 (z = 1.43).
 */
public final class WinnerRule {

    /** The rule's name as decisions record it. */
    public static final String NAME =
            "pooled two-proportion z-test, one-sided, leader vs each other variant, Bonferroni over k-1";

    private WinnerRule() {
    }

    /**
     * @param results every variant of the step, each once (a variant that sent nothing with zeros)
     * @param at      when the decision is taken, recorded in it
     */
    public static WinnerDecision decide(List<VariantResult> results, WinnerTest test, Instant at) {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(at, "at");
        requireEveryVariantOnce(results, test);
        List<VariantFigures> figures = results.stream().map(r -> VariantFigures.of(r, test.metric())).toList();
        double comparisonAlpha = test.alpha() / (figures.size() - 1);
        Decider decider = new Decider(figures, test, comparisonAlpha, at);

        List<VariantFigures> tooSmall = figures.stream().filter(f -> f.sent() < test.minimumSample()).toList();
        if (!tooSmall.isEmpty()) {
            return decider.noTest(DecisionBasis.SAMPLE_TOO_SMALL, tooSmallReason(tooSmall, test));
        }
        List<VariantFigures> leaders = leaders(figures);
        if (leaders.size() > 1) {
            return decider.noTest(DecisionBasis.TIE, "no winner: " + DecisionText.list(ids(leaders)) + " tie on "
                    + test.metric().words() + " at " + DecisionText.percent(leaders.getFirst().rate()) + "; default "
                    + test.defaultVariant());
        }
        return decider.compare(leaders.getFirst());
    }

    /** The decision once the figures are read; holds what every outcome records. */
    private record Decider(List<VariantFigures> figures, WinnerTest test, double comparisonAlpha, Instant at) {

        WinnerDecision noTest(DecisionBasis basis, String reason) {
            return new WinnerDecision(test.defaultVariant(), basis, reason, figures, List.of(), NAME, test,
                    comparisonAlpha, at);
        }

        WinnerDecision compare(VariantFigures leader) {
            List<VariantComparison> comparisons = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (VariantFigures other : figures) {
                if (other == leader) {
                    continue;
                }
                TwoProportionZTest z = TwoProportionZTest.of(leader.successes(), leader.sent(), other.successes(),
                        other.sent());
                VariantComparison comparison = new VariantComparison(leader.variantId(), other.variantId(), z.z(),
                        z.pValue(), comparisonAlpha, z.pValue() < comparisonAlpha);
                comparisons.add(comparison);
                texts.add(DecisionText.comparison(leader, other, comparison));
            }
            boolean wins = comparisons.stream().allMatch(VariantComparison::significant);
            String terms = " on " + test.metric().words() + " at " + DecisionText.confidence(test.confidence())
                    + " confidence" + correction(comparisons.size()) + ": " + String.join("; ", texts);
            return wins
                    ? new WinnerDecision(leader.variantId(), DecisionBasis.SIGNIFICANT_WINNER,
                            leader.variantId() + " wins" + terms, figures, comparisons, NAME, test, comparisonAlpha, at)
                    : new WinnerDecision(test.defaultVariant(), DecisionBasis.NOT_SIGNIFICANT,
                            "no winner on noise" + terms + "; default " + test.defaultVariant(), figures, comparisons,
                            NAME, test, comparisonAlpha, at);
        }

        /** ", Bonferroni over 2 comparisons (0.05 / 2)"; nothing for one comparison, which needs no correction. */
        private String correction(int comparisons) {
            return comparisons == 1 ? "" : ", Bonferroni over " + comparisons + " comparisons ("
                    + DecisionText.significant(test.alpha()) + " / " + comparisons + ")";
        }
    }

    private static void requireEveryVariantOnce(List<VariantResult> results, WinnerTest test) {
        Objects.requireNonNull(results, "results");
        if (results.size() < VariantSplit.MIN_VARIANTS || results.size() > VariantSplit.MAX_VARIANTS) {
            throw new IllegalArgumentException("a decision needs the results of " + VariantSplit.MIN_VARIANTS + " to "
                    + VariantSplit.MAX_VARIANTS + " variants, not " + results.size());
        }
        Set<String> seen = new HashSet<>();
        for (VariantResult result : results) {
            if (!seen.add(result.variantId())) {
                throw new IllegalArgumentException("variant " + result.variantId() + " is reported twice");
            }
        }
        if (!seen.contains(test.defaultVariant())) {
            throw new IllegalArgumentException("default variant " + test.defaultVariant() + " is not among the results of "
                    + String.join(", ", results.stream().map(VariantResult::variantId).toList()));
        }
    }

    /** "variant c has 37 sends" or "variants b (150 sends) and c (37 sends) have", then the minimum and the default. */
    private static String tooSmallReason(List<VariantFigures> tooSmall, WinnerTest test) {
        String who = tooSmall.size() == 1
                ? "variant " + tooSmall.getFirst().variantId() + " has " + DecisionText.count(tooSmall.getFirst().sent())
                  + " sends, fewer"
                : "variants " + DecisionText.list(tooSmall.stream()
                        .map(f -> f.variantId() + " (" + DecisionText.count(f.sent()) + " sends)").toList())
                  + " have fewer sends";
        return "no winner: " + who + " than the minimum " + DecisionText.count(test.minimumSample()) + "; default "
                + test.defaultVariant();
    }

    /** The variants with the highest rate, compared exactly (x_i·n_j against x_j·n_i), not as rounded doubles. */
    private static List<VariantFigures> leaders(List<VariantFigures> figures) {
        List<VariantFigures> leaders = new ArrayList<>();
        for (VariantFigures f : figures) {
            int order = leaders.isEmpty() ? 1 : compareRates(f, leaders.getFirst());
            if (order > 0) {
                leaders.clear();
            }
            if (order >= 0) {
                leaders.add(f);
            }
        }
        return leaders;
    }

    private static int compareRates(VariantFigures a, VariantFigures b) {
        return Long.compare(Math.multiplyExact(a.successes(), b.sent()), Math.multiplyExact(b.successes(), a.sent()));
    }

    private static List<String> ids(List<VariantFigures> figures) {
        return figures.stream().map(VariantFigures::variantId).toList();
    }
}
