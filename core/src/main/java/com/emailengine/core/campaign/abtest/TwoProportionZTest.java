package com.emailengine.core.campaign.abtest;

/**
 * The pooled two-proportion z-test, one-sided: is the first rate x₁/n₁ above the second x₂/n₂?
 *
 * <p>Under H0 (p₁ ≤ p₂, at the boundary p₁ = p₂) both samples estimate one rate, so its variance is taken
 * from the pooled rate p̂ = (x₁ + x₂)/(n₁ + n₂): z = (x₁/n₁ − x₂/n₂) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)), and the
 * p-value is 1 − Φ(z). When p̂ is 0 or 1 both rates are equal and nothing separates them: z = 0, p = 0.5.
 *
 * @param z      the z score, positive when the first rate is the higher
 * @param pValue {@code P(Z > z)} under H0
 */
public record TwoProportionZTest(double z, double pValue) {

    public static TwoProportionZTest of(long successes1, long sent1, long successes2, long sent2) {
        if (sent1 <= 0 || sent2 <= 0) {
            throw new IllegalArgumentException("a z-test needs sends on both sides, not " + sent1 + " and " + sent2);
        }
        double rate1 = (double) successes1 / sent1;
        double rate2 = (double) successes2 / sent2;
        double pooled = (double) (successes1 + successes2) / (sent1 + sent2);
        double variance = pooled * (1 - pooled) * (1.0 / sent1 + 1.0 / sent2);
        double z = variance > 0 ? (rate1 - rate2) / Math.sqrt(variance) : 0;
        return new TwoProportionZTest(z, StandardNormal.upperTail(z));
    }
}
