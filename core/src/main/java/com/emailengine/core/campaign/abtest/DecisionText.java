package com.emailengine.core.campaign.abtest;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a decision as its reason writes them, in one format whatever the JVM's locale: rates to 0.1%,
 * z to two decimals, p to four (or {@code p < 0.0001}), thresholds to three significant digits, counts with thousands
 * separators.
 */
final class DecisionText {

    private DecisionText() {
    }

    /** "b: 15.0% vs a: 10.0% (z = 3.38, p = 0.0004 < 0.05, n = 1,000 / 1,000)". */
    static String comparison(VariantFigures leader, VariantFigures other, VariantComparison comparison) {
        return leader.variantId() + ": " + percent(leader.rate()) + " vs " + other.variantId() + ": "
                + percent(other.rate()) + " (z = " + String.format(Locale.ROOT, "%.2f", comparison.z()) + ", "
                + pValue(comparison.pValue()) + (comparison.significant() ? " < " : " ≥ ")
                + significant(comparison.threshold()) + ", n = " + count(leader.sent()) + " / " + count(other.sent())
                + ")";
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** A probability or level to three significant digits, trailing zeros dropped: 0.05, 0.025, 0.0167. */
    static String significant(double value) {
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** 0.95 → "95%", 0.975 → "97.5%". */
    static String confidence(double confidence) {
        return new BigDecimal(confidence * 100).round(new MathContext(4)).stripTrailingZeros().toPlainString() + "%";
    }

    /** "a", "a and b", "a, b and c". */
    static String list(List<String> items) {
        if (items.size() == 1) {
            return items.getFirst();
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }

    private static String pValue(double p) {
        return p < 0.0001 ? "p < 0.0001" : String.format(Locale.ROOT, "p = %.4f", p);
    }
}
