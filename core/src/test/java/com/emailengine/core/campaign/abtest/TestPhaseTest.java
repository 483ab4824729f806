package com.emailengine.core.campaign.abtest;

import static com.emailengine.core.campaign.abtest.TestKeys.key;
import static com.emailengine.core.campaign.abtest.WinnerMetric.OPEN_RATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who goes first, in which variant, who waits, and how an audience's counts add up. */
class TestPhaseTest {

    private static final VariantSplit FIFTY_THIRTY_TWENTY = VariantSplit.of(
            new Variant("a", 50), new Variant("b", 30), new Variant("c", 20));
    private static final WinnerTest TWENTY_PERCENT = new WinnerTest(OPEN_RATE, 20, Duration.ofHours(4), 200, 0.95, "a");
    private static final TestPhase PHASE = new TestPhase(FIFTY_THIRTY_TWENTY, TWENTY_PERCENT);
    private static final Instant AT = Instant.parse("2026-12-03T14:00:00Z");
    private static final int CONTACTS = 100_000;

    @Test
    void anOddAudienceDividesIntoCountsThatAddUpExactly() {
        // 1,001 × 20% = 200.2 → 200 tested (100, 60, 40), 801 held
        PhasePlan plan = PHASE.plan(1_001);

        assertThat(plan.test()).extracting(VariantCount::variantId, VariantCount::contacts)
                .containsExactly(tuple("a", 100), tuple("b", 60), tuple("c", 40));
        assertThat(plan.testTotal()).isEqualTo(200);
        assertThat(plan.held()).isEqualTo(801);
    }

    @Test
    void roundingIsHalfUpForTheShareAndLargestRemainderAmongTheVariants() {
        // 7 × 50% = 3.5 → 4 tested; 4 × 34/33/33 = 1.36, 1.32, 1.32 → 1, 1, 1 and the one left to a
        TestPhase half = new TestPhase(VariantSplit.even("a", "b", "c"),
                new WinnerTest(OPEN_RATE, 50, Duration.ofHours(4), 200, 0.95, "a"));

        PhasePlan plan = half.plan(7);

        assertThat(plan.test()).extracting(VariantCount::contacts).containsExactly(2, 1, 1);
        assertThat(plan.held()).isEqualTo(3);
    }

    @Test
    void everyAudienceSizeAndShareAddsUpExactly() {
        for (int share : new int[] {1, 15, 20, 33, 50, 90, 100}) {
            TestPhase phase = new TestPhase(VariantSplit.even("a", "b", "c"),
                    new WinnerTest(OPEN_RATE, share, Duration.ofHours(4), 200, 0.95, "a"));
            for (int audience = 0; audience <= 3_001; audience++) {
                PhasePlan plan = phase.plan(audience);
                int tested = plan.test().stream().mapToInt(VariantCount::contacts).sum();
                assertThat(tested + plan.held()).isEqualTo(audience);
                assertThat(Math.abs(tested - audience * share / 100.0)).isLessThanOrEqualTo(0.5);
            }
        }
    }

    @Test
    void aPlanSaysWhetherTheTestCanReachItsMinimumSample() {
        // 20% of 1,001 gives c 40 contacts: below a minimum of 200, so that test can only end on the default
        assertThat(PHASE.plan(1_001).reachesMinimum(200)).isFalse();
        assertThat(PHASE.plan(5_000).test()).extracting(VariantCount::contacts).containsExactly(500, 300, 200);
        assertThat(PHASE.plan(5_000).reachesMinimum(200)).isTrue();
    }

    /**
     * Over 100,000 fixed contacts: the test share within 0.5 point of 20% (about four binomial σ), and within it
     * the variants within 1.5 points of 50/30/20, so the share's hash does not bias the variant's.
     */
    @Test
    void theTestShareIsDrawnApartFromTheVariantAndFollowsBothProportions() {
        int inTest = 0;
        Map<String, Integer> variants = new HashMap<>();
        for (int i = 0; i < CONTACTS; i++) {
            if (PHASE.inTestShare(key(i))) {
                inTest++;
                variants.merge(FIFTY_THIRTY_TWENTY.assign(key(i)), 1, Integer::sum);
            }
        }

        assertThat(inTest).isBetween(20_000 - 500, 20_000 + 500);
        assertThat(variants.get("a") / (double) inTest).isBetween(0.485, 0.515);
        assertThat(variants.get("b") / (double) inTest).isBetween(0.285, 0.315);
        assertThat(variants.get("c") / (double) inTest).isBetween(0.185, 0.215);
    }

    @Test
    void beforeTheDecisionTestContactsGetTheirVariantAndTheOthersAreHeld() {
        // pinned buckets (VariantSplitTest): contact 3's test-share bucket 478 < 2,000, contact 1's 2,057 is not
        assertThat(PHASE.route(key(3), Optional.empty())).isEqualTo(new VariantRoute.InTest("a"));
        assertThat(PHASE.route(key(1), Optional.empty())).isEqualTo(new VariantRoute.Held());
    }

    @Test
    void afterTheDecisionEveryContactGetsTheDecidedVariantWhicheverSideOfTheShareItIsOn() {
        WinnerDecision bWins = WinnerRule.decide(List.of(
                VariantResult.of("a", OPEN_RATE, 100, 1_000),
                VariantResult.of("b", OPEN_RATE, 160, 1_000),
                VariantResult.of("c", OPEN_RATE, 100, 1_000)), TWENTY_PERCENT, AT);

        assertThat(PHASE.route(key(3), Optional.of(bWins))).isEqualTo(new VariantRoute.Decided("b", true));
        assertThat(PHASE.route(key(1), Optional.of(bWins))).isEqualTo(new VariantRoute.Decided("b", true));
    }

    @Test
    void withoutAWinnerTheHeldContactsGetTheDefault() {
        WinnerDecision noise = WinnerRule.decide(List.of(
                VariantResult.of("a", OPEN_RATE, 100, 1_000),
                VariantResult.of("b", OPEN_RATE, 104, 1_000),
                VariantResult.of("c", OPEN_RATE, 99, 1_000)), TWENTY_PERCENT, AT);

        assertThat(PHASE.route(key(1), Optional.of(noise))).isEqualTo(new VariantRoute.Decided("a", false));
    }

    @Test
    void aDefaultThatIsNotOneOfTheVariantsIsRefused() {
        assertThatThrownBy(() -> new TestPhase(FIFTY_THIRTY_TWENTY,
                new WinnerTest(OPEN_RATE, 20, Duration.ofHours(4), 200, 0.95, "d")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("default variant d is not one of the step's variants a, b, c");
    }
}
