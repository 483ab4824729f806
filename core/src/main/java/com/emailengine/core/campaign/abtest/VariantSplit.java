package com.emailengine.core.campaign.abtest;

import com.emailengine.core.campaign.abtest.AssignmentKey.Purpose;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A step's variants and their shares, 2 to 10 of them, the percentages adding up to exactly 100.
 *
 * <p>A contact's variant is fixed by its {@link AssignmentKey}: its bucket in [0, 10,000) falls in one variant's
 * range, the ranges laid end to end in the order of the variants (a 50/30/20 split gives a [0, 5,000), b [5,000,
 * 8,000), c [8,000, 10,000)). The order is therefore part of the assignment: reordering or resizing the variants of
 * a running test moves contacts from one variant to another, so a split is fixed once its test has started.
 */
public record VariantSplit(List<Variant> variants) {

    public static final int MIN_VARIANTS = 2;
    public static final int MAX_VARIANTS = 10;

    public VariantSplit {
        Objects.requireNonNull(variants, "variants");
        variants = List.copyOf(variants);
        if (variants.size() < MIN_VARIANTS || variants.size() > MAX_VARIANTS) {
            throw new IllegalArgumentException("an A/B step has " + MIN_VARIANTS + " to " + MAX_VARIANTS
                    + " variants, not " + variants.size());
        }
        Set<String> seen = new HashSet<>();
        for (Variant variant : variants) {
            if (!seen.add(variant.id())) {
                throw new IllegalArgumentException("variant " + variant.id() + " is named twice");
            }
        }
        int total = variants.stream().mapToInt(Variant::percent).sum();
        if (total != 100) {
            throw new IllegalArgumentException("the variants' percents add up to " + total + ", not 100 ("
                    + variants.stream().map(v -> v.id() + " " + v.percent() + "%").collect(Collectors.joining(", "))
                    + ")");
        }
    }

    public static VariantSplit of(Variant... variants) {
        return new VariantSplit(Arrays.asList(variants));
    }

    /** Equal shares; the percent that does not divide goes to the first variants (three: 34, 33, 33). */
    public static VariantSplit even(String... ids) {
        if (ids.length < MIN_VARIANTS || ids.length > MAX_VARIANTS) {
            throw new IllegalArgumentException("an A/B step has " + MIN_VARIANTS + " to " + MAX_VARIANTS
                    + " variants, not " + ids.length);
        }
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            variants.add(new Variant(ids[i], 100 / ids.length + (i < 100 % ids.length ? 1 : 0)));
        }
        return new VariantSplit(variants);
    }

    /** The variant this contact gets at this step of this campaign, the same every time it is asked. */
    public String assign(AssignmentKey key) {
        return variantOfBucket(key.bucket(Purpose.VARIANT));
    }

    /** The variant whose range holds this bucket of [0, 10,000). */
    String variantOfBucket(int bucket) {
        int upper = 0;
        for (Variant variant : variants) {
            upper += variant.percent() * (AssignmentKey.BASIS_POINTS / 100);
            if (bucket < upper) {
                return variant.id();
            }
        }
        throw new IllegalStateException("bucket " + bucket + " outside [0, " + AssignmentKey.BASIS_POINTS + ")");
    }

    public List<String> ids() {
        return variants.stream().map(Variant::id).toList();
    }

    public boolean contains(String id) {
        return find(id).isPresent();
    }

    public Optional<Variant> find(String id) {
        return variants.stream().filter(v -> v.id().equals(id)).findFirst();
    }

    /**
     * {@code total} contacts shared among the variants by their percentages, the counts adding up to exactly
     * {@code total}: each variant gets the whole part of its quota, and the contacts left over go one each to the
     * largest fractional parts (Hamilton's largest remainder), ties to the variant listed first.
     */
    public List<VariantCount> apportion(int total) {
        if (total < 0) {
            throw new IllegalArgumentException("cannot share " + total + " contacts");
        }
        int[] counts = new int[variants.size()];
        int[] remainders = new int[variants.size()];
        int given = 0;
        for (int i = 0; i < counts.length; i++) {
            long quota = (long) total * variants.get(i).percent();
            counts[i] = (int) (quota / 100);
            remainders[i] = (int) (quota % 100);
            given += counts[i];
        }
        for (int left = total - given; left > 0; left--) {
            int largest = 0;
            for (int i = 1; i < remainders.length; i++) {
                if (remainders[i] > remainders[largest]) {
                    largest = i;
                }
            }
            counts[largest]++;
            remainders[largest] = -1;
        }
        List<VariantCount> shares = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            shares.add(new VariantCount(variants.get(i).id(), counts[i]));
        }
        return List.copyOf(shares);
    }
}
