package com.emailengine.core.campaign.abtest;

import static com.emailengine.core.campaign.abtest.TestKeys.CAMPAIGN;
import static com.emailengine.core.campaign.abtest.TestKeys.contact;
import static com.emailengine.core.campaign.abtest.TestKeys.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.emailengine.core.campaign.abtest.AssignmentKey.Purpose;
import com.emailengine.core.contact.EmailHash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The split's validation, and the assignment of contacts to variants: stable, and in the split's proportions. */
class VariantSplitTest {

    private static final VariantSplit FIFTY_THIRTY_TWENTY = VariantSplit.of(
            new Variant("a", 50), new Variant("b", 30), new Variant("c", 20));
    private static final int CONTACTS = 100_000;

    @Test
    void percentsThatDoNotAddUpTo100AreRefusedNamingTheSumAndTheParts() {
        assertThatThrownBy(() -> VariantSplit.of(new Variant("a", 50), new Variant("b", 40)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the variants' percents add up to 90, not 100 (a 50%, b 40%)");
        assertThatThrownBy(() -> VariantSplit.of(new Variant("a", 60), new Variant("b", 30), new Variant("c", 20)))
                .hasMessageContaining("add up to 110, not 100");
    }

    @Test
    void fewerThanTwoOrMoreThanTenVariantsAreRefused() {
        assertThatThrownBy(() -> new VariantSplit(List.of(new Variant("a", 99))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an A/B step has 2 to 10 variants, not 1");
        List<Variant> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(new Variant("v" + i, i == 0 ? 90 : 1));
        }
        assertThatThrownBy(() -> new VariantSplit(eleven)).hasMessage("an A/B step has 2 to 10 variants, not 11");
    }

    @Test
    void aVariantNamedTwiceABadIdAndAnEmptyShareAreRefusedByName() {
        assertThatThrownBy(() -> VariantSplit.of(new Variant("a", 50), new Variant("a", 50)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("variant a is named twice");
        assertThatThrownBy(() -> new Variant("B!", 50))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("variant id 'B!' is not 1 to 16 lower-case letters, digits and dashes");
        assertThatThrownBy(() -> new Variant("c", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("variant c has 0%: a variant's share is a whole percent from 1 to 99");
    }

    @Test
    void anEvenSplitGivesTheOddPercentsToTheFirstVariants() {
        assertThat(VariantSplit.even("a", "b", "c").variants())
                .extracting(Variant::id, Variant::percent)
                .containsExactly(tuple("a", 34), tuple("b", 33), tuple("c", 33));
    }

    @Test
    void theSameContactGetsTheSameVariantEveryTimeFromKeysBuiltApart() {
        for (int i = 0; i < 1_000; i++) {
            AssignmentKey once = key(i);
            AssignmentKey again = new AssignmentKey(new EmailHash(contact(i).hex().toUpperCase(Locale.ROOT)), CAMPAIGN, 1);
            assertThat(FIFTY_THIRTY_TWENTY.assign(again)).isEqualTo(FIFTY_THIRTY_TWENTY.assign(once));
        }
    }

    /**
     * The buckets are pinned (SHA-256 of "variant\n&lt;hex&gt;\nspring-sale\n1", first 64 bits × 10,000 / 2^64,
     * computed apart from this code): a change of hashing would move the contacts of running tests, in every
     * process at once.
     */
    @Test
    void bucketsArePinnedSoEveryProcessAndEveryReleaseAssignsAlike() {
        assertThat(contact(0).hex()).isEqualTo("3014cf82e029b03e744b5fa7bcabac2529cdfed3018fb0c12fd1ec6ce907c6d8");
        List<Integer> first = List.of(0, 1, 2, 3);
        assertThat(first).extracting(i -> key(i).bucket(Purpose.VARIANT)).containsExactly(5287, 6455, 2661, 4205);
        assertThat(first).extracting(i -> key(i).bucket(Purpose.TEST_SHARE)).containsExactly(6813, 2057, 7647, 478);
        assertThat(first).extracting(i -> FIFTY_THIRTY_TWENTY.assign(key(i))).containsExactly("b", "b", "a", "a");
        assertThat(FIFTY_THIRTY_TWENTY.assign(key(0, 2))).isEqualTo("c");
    }

    /** 100,000 fixed contacts: each variant within 0.6 percentage points of its share (about four binomial σ). */
    @Test
    void overManyContactsTheVariantsFollowTheSplit() {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < CONTACTS; i++) {
            counts.merge(FIFTY_THIRTY_TWENTY.assign(key(i)), 1, Integer::sum);
        }

        assertThat(counts).containsOnlyKeys("a", "b", "c");
        assertThat(counts.get("a")).isBetween(50_000 - 600, 50_000 + 600);
        assertThat(counts.get("b")).isBetween(30_000 - 600, 30_000 + 600);
        assertThat(counts.get("c")).isBetween(20_000 - 600, 20_000 + 600);
    }

    @Test
    void anotherStepOfTheSameCampaignIsAnIndependentDraw() {
        VariantSplit halves = VariantSplit.even("a", "b");
        int same = 0;
        for (int i = 0; i < CONTACTS; i++) {
            same += halves.assign(key(i, 1)).equals(halves.assign(key(i, 2))) ? 1 : 0;
        }

        assertThat(same).isBetween(49_000, 51_000);
    }

    @Test
    void everyBucketFallsInExactlyOneVariantAtTheRangeEdges() {
        // 50/30/20: a takes buckets [0, 5,000), b [5,000, 8,000), c [8,000, 10,000)
        List<Integer> edges = List.of(0, 4_999, 5_000, 7_999, 8_000, 9_999);
        List<String> variants = new ArrayList<>();
        for (int edge : edges) {
            variants.add(FIFTY_THIRTY_TWENTY.variantOfBucket(edge));
        }

        assertThat(variants).containsExactly("a", "a", "b", "b", "c", "c");
    }

    @Test
    void apportionedCountsAddUpExactlyWithTheLeftoversToTheLargestRemainders() {
        // 13 × 50/30/20 = 6.5, 3.9, 2.6: floors 6, 3, 2; two left over go to b (0.9) and c (0.6)
        assertThat(FIFTY_THIRTY_TWENTY.apportion(13)).extracting(VariantCount::contacts).containsExactly(6, 4, 3);
        for (int total = 0; total <= 2_000; total++) {
            for (VariantSplit split : List.of(FIFTY_THIRTY_TWENTY, VariantSplit.even("a", "b", "c"),
                    VariantSplit.even("a", "b", "c", "d", "e", "f", "g"))) {
                List<VariantCount> counts = split.apportion(total);
                assertThat(counts.stream().mapToInt(VariantCount::contacts).sum()).isEqualTo(total);
                for (int i = 0; i < counts.size(); i++) {
                    double quota = total * split.variants().get(i).percent() / 100.0;
                    assertThat((double) counts.get(i).contacts()).isBetween(Math.floor(quota), Math.ceil(quota));
                }
            }
        }
    }
}
