package com.emailengine.core.templating;

/**
 * {@code repeat} and {@code replace} for templates, with their result's size charged to the render's
 * {@link RenderBudget} before it is allocated: {@code "x".repeat(2000000000)} is refused at once instead of taking
 * the heap (three such previews in parallel ended in OutOfMemoryError).
 */
final class BoundedText {

    private BoundedText() {
    }

    static String repeat(String text, int count, RenderBudget budget) {
        if (count < 0) {
            throw new IllegalArgumentException("repeat count is negative: " + count);
        }
        budget.spend((long) text.length() * count);
        return text.repeat(count);
    }

    static String replace(String text, String target, String replacement, RenderBudget budget) {
        if (target.isEmpty()) {
            // The replacement goes before every character and at the end.
            budget.spend(text.length() + (text.length() + 1L) * replacement.length());
            return text.replace(target, replacement);
        }
        long occurrences = 0;
        for (int at = TextSearch.indexOf(text, target, 0, budget); at >= 0;
             at = TextSearch.indexOf(text, target, at + target.length(), budget)) {
            occurrences++;
        }
        if (occurrences == 0) {
            return text;
        }
        long size = text.length() + occurrences * (replacement.length() - target.length());
        budget.spend(size);
        StringBuilder out = new StringBuilder((int) size);
        int last = 0;
        for (int at = TextSearch.indexOf(text, target, 0, budget); at >= 0;
             at = TextSearch.indexOf(text, target, last, budget)) {
            out.append(text, last, at).append(replacement);
            last = at + target.length();
        }
        return out.append(text, last, text.length()).toString();
    }
}
