package com.emailengine.core.campaign.abtest;

import java.util.List;

/**
 * How an audience of known size divides: the test phase per variant, and the contacts held for the winner. The
 * counts add up to the audience exactly.
 *
 * @param test the test phase's contacts per variant, in the split's order
 */
public record PhasePlan(int audience, List<VariantCount> test, int held) {

    public PhasePlan {
        test = List.copyOf(test);
        int total = held + test.stream().mapToInt(VariantCount::contacts).sum();
        if (total != audience) {
            throw new IllegalArgumentException("a plan of " + audience + " contacts counts " + total);
        }
    }

    public int testTotal() {
        return audience - held;
    }

    public int testContacts(String variantId) {
        return test.stream().filter(c -> c.variantId().equals(variantId)).mapToInt(VariantCount::contacts)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no variant " + variantId + " in the plan"));
    }

    /**
     * Whether every variant's test phase reaches the minimum sample. When it does not, the rule can only end on
     * the default: worth telling the operator before the test starts, not after its wait.
     */
    public boolean reachesMinimum(int minimumSample) {
        return test.stream().allMatch(c -> c.contacts() >= minimumSample);
    }
}
