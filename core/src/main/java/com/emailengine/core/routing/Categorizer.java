package com.emailengine.core.routing;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Gives a contact its category. The rule, documented in docs/config.md: a category the source sends is kept, as a
 * slug (lower case, accents removed, runs of other characters turned into one dash: {@code Real Estate} becomes
 * {@code real-estate}). Without one, the words of the company name, the site URL and the source URL (split at
 * anything that is not a letter or digit, accents removed) are matched against the keywords of the categories in
 * {@code routing.yaml}, in file order; the first category with a keyword among those words wins. A keyword of several
 * words ({@code real estate}) matches those words in sequence. Otherwise the contact has no category.
 * Immutable, thread-safe.
 */
public final class Categorizer {

    /** The category and how it was found: {@code given}, {@code keyword}, or {@code none}. */
    public record Categorized(String category, String source) {
    }

    private final List<CategoryRule> rules;

    public Categorizer(List<CategoryRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public Categorized categorize(String given, String company, String siteUrl, String sourceUrl) {
        if (given != null && !given.isBlank()) {
            String slug = slug(given);
            if (!slug.isEmpty()) {
                return new Categorized(slug, "given");
            }
        }
        String text = " " + String.join(" ", words(company), words(siteUrl), words(sourceUrl)) + " ";
        if (text.isBlank()) {
            return new Categorized(null, "none");
        }
        for (CategoryRule rule : rules) {
            for (String keyword : rule.keywords()) {
                if (text.contains(" " + words(keyword) + " ")) {
                    return new Categorized(rule.id(), "keyword");
                }
            }
        }
        return new Categorized(null, "none");
    }

    /** {@code Real Estate & Homes} → {@code real-estate-homes}. */
    public static String slug(String text) {
        return String.join("-", words(text).split(" ")).replaceAll("^-+|-+$", "");
    }

    static String words(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        boolean gap = true;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
                gap = false;
            } else if (!gap) {
                out.append(' ');
                gap = true;
            }
        }
        return out.toString().strip();
    }

    public List<CategoryRule> rules() {
        return rules;
    }

    /** The distinct category ids. */
    public Set<String> ids() {
        Set<String> ids = new HashSet<>();
        rules.forEach(rule -> ids.add(rule.id()));
        return ids;
    }
}
