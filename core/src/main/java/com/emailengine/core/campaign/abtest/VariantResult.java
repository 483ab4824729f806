package com.emailengine.core.campaign.abtest;

/**
 * What one variant's test contacts did by the time of the decision. A variant that has sent nothing yet is still
 * reported, with zeros: the rule needs every variant of the step, and refuses to decide without one.
 *
 * @param opened  contacts that opened at least once (not opens: a contact opening five times is one)
 * @param clicked contacts that clicked at least once
 * @param replied contacts that replied at least once
 */
public record VariantResult(String variantId, long sent, long opened, long clicked, long replied) {

    public VariantResult {
        Variant.requireValidId(variantId, "variant id");
        if (sent < 0) {
            throw new IllegalArgumentException("variant " + variantId + " has " + sent + " sends");
        }
        requireWithin(variantId, "opens", opened, sent);
        requireWithin(variantId, "clicks", clicked, sent);
        requireWithin(variantId, "replies", replied, sent);
    }

    /** A result carrying only the one metric a test is decided on; the others are zero. */
    public static VariantResult of(String variantId, WinnerMetric metric, long successes, long sent) {
        return switch (metric) {
            case OPEN_RATE -> new VariantResult(variantId, sent, successes, 0, 0);
            case CLICK_RATE -> new VariantResult(variantId, sent, 0, successes, 0);
            case REPLY_RATE -> new VariantResult(variantId, sent, 0, 0, successes);
        };
    }

    private static void requireWithin(String variantId, String what, long count, long sent) {
        if (count < 0 || count > sent) {
            throw new IllegalArgumentException("variant " + variantId + " has " + count + " " + what + " of " + sent
                    + " sends: count each contact once, from 0 to the sends");
        }
    }
}
