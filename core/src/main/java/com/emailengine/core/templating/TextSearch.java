package com.emailengine.core.templating;

/**
 * {@code indexOf}, {@code contains} and {@code lastIndexOf} for templates. The JDK searches by comparing the needle
 * at every position, so a long needle in a long text costs their product (measured: 10^8 comparisons, 83 ms; 10^9,
 * 1.1 s), inside one call the render cannot interrupt. Searches above {@value #DIRECT_LIMIT} comparisons go through
 * Knuth-Morris-Pratt instead (linear, checking the render's time as it goes); backward searches that large are
 * refused, since nothing in an email needs them.
 */
final class TextSearch {

    /** About 20 ms of the JDK's worst case. */
    static final long DIRECT_LIMIT = 20_000_000;

    private TextSearch() {
    }

    static int indexOf(String text, String needle, int from, RenderBudget budget) {
        int start = Math.max(0, from);
        if (start >= text.length() || (long) (text.length() - start) * needle.length() <= DIRECT_LIMIT) {
            return text.indexOf(needle, from);
        }
        return knuthMorrisPratt(text, needle, start, budget);
    }

    static int lastIndexOf(String text, String needle, int from) {
        long span = Math.min((long) text.length(), Math.max(0L, (long) from + needle.length()));
        if (span * needle.length() > DIRECT_LIMIT) {
            throw new RenderLimitException("searching backwards through " + span + " characters for a "
                    + needle.length() + "-character text is more work than a render may do");
        }
        return text.lastIndexOf(needle, from);
    }

    private static int knuthMorrisPratt(String text, String needle, int from, RenderBudget budget) {
        int[] border = new int[needle.length()];
        for (int i = 1, k = 0; i < needle.length(); i++) {
            while (k > 0 && needle.charAt(i) != needle.charAt(k)) {
                k = border[k - 1];
            }
            if (needle.charAt(i) == needle.charAt(k)) {
                k++;
            }
            border[i] = k;
        }
        for (int i = from, k = 0; i < text.length(); i++) {
            if ((i & 0xFFFF) == 0) {
                budget.checkTime();
            }
            while (k > 0 && text.charAt(i) != needle.charAt(k)) {
                k = border[k - 1];
            }
            if (text.charAt(i) == needle.charAt(k)) {
                k++;
            }
            if (k == needle.length()) {
                return i - k + 1;
            }
        }
        return -1;
    }
}
