package com.emailengine.core.campaign.abtest;

/**
 * One comparison of the rule: the leading variant against one other.
 *
 * @param threshold   the p-value under which this comparison counts, α/(k − 1)
 * @param significant {@code pValue < threshold}
 */
public record VariantComparison(String leader, String other, double z, double pValue, double threshold,
                                boolean significant) {
}
