package com.emailengine.core.campaign.abtest;

import com.emailengine.core.campaign.abtest.AssignmentKey.Purpose;
import java.util.Objects;
import java.util.Optional;

/**
 * An A/B step's audience accounting: which contacts go first, in which variant, and which wait for the winner.
 *
 * <p>A contact is in the test share when its test-share bucket (a hash drawn apart from the variant's, see
 * {@link AssignmentKey}) is below {@code testSharePercent} × 100. Before the decision it gets its variant by the
 * split; outside the share it is held. Once the decision is taken, every contact still to send gets the decided
 * variant, whichever side of the share it is on.
 *
 * <p>Membership by hash decides each contact the moment it is due, without knowing how many will come: that is how
 * a drip campaign's step meets its audience. Over N contacts the test phase is therefore binomial around the plan
 * of {@link #plan}, give or take √(N·s·(1 − s)) (40 of 10,000 at 20%); the plan is the exact accounting for an
 * audience of known size, for the operator's preview and for checking that the test can reach its minimum sample.
 */
public record TestPhase(VariantSplit split, WinnerTest test) {

    public TestPhase {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(test, "test");
        if (!split.contains(test.defaultVariant())) {
            throw new IllegalArgumentException("default variant " + test.defaultVariant()
                    + " is not one of the step's variants " + String.join(", ", split.ids()));
        }
    }

    public boolean inTestShare(AssignmentKey key) {
        return key.bucket(Purpose.TEST_SHARE) < test.testSharePercent() * (AssignmentKey.BASIS_POINTS / 100);
    }

    /** What to do with this contact now, given the decision if it has been taken. */
    public VariantRoute route(AssignmentKey key, Optional<WinnerDecision> decision) {
        if (decision.isPresent()) {
            String chosen = decision.get().variantId();
            if (!split.contains(chosen)) {
                throw new IllegalArgumentException("decided variant " + chosen + " is not one of the step's variants "
                        + String.join(", ", split.ids()));
            }
            return new VariantRoute.Decided(chosen, decision.get().isWinner());
        }
        return inTestShare(key) ? new VariantRoute.InTest(split.assign(key)) : new VariantRoute.Held();
    }

    /**
     * An audience of {@code audience} contacts divided: the test phase is the share of it rounded half up
     * ({@code round(audience × share / 100)}), apportioned among the variants by {@link VariantSplit#apportion};
     * the rest are held.
     */
    public PhasePlan plan(int audience) {
        if (audience < 0) {
            throw new IllegalArgumentException("an audience of " + audience + " contacts");
        }
        int testTotal = (int) (((long) audience * test.testSharePercent() + 50) / 100);
        return new PhasePlan(audience, split.apportion(testTotal), audience - testTotal);
    }
}
