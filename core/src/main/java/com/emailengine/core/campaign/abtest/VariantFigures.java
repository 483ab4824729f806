package com.emailengine.core.campaign.abtest;

/**
 * One variant's figures on the test's metric, as the decision read them.
 *
 * @param rate successes / sent, 0 when nothing was sent
 */
public record VariantFigures(String variantId, long sent, long successes, double rate) {

    static VariantFigures of(VariantResult result, WinnerMetric metric) {
        long successes = metric.successes(result);
        return new VariantFigures(result.variantId(), result.sent(), successes,
                result.sent() == 0 ? 0 : (double) successes / result.sent());
    }
}
