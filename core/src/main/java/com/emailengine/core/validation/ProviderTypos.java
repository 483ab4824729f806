package com.emailengine.core.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Suggests the big mailbox provider a domain most likely misspells: {@code gmial.com} → {@code gmail.com}. Two
 * sources, both data: an explicit list of known misspellings, and every domain one edit away (an insertion, a
 * deletion, a substitution or a swap of neighbours: Damerau's four) from a provider's domain, unless that domain is
 * itself a provider or listed as legitimate ({@code ymail.com} is Yahoo's, {@code email.com} a provider of its own).
 * A suggestion is never applied: the address is held for a person to decide. Immutable, thread-safe.
 */
public final class ProviderTypos {

    /** Providers shorter than this are too close to too many real names for the one-edit rule (qq.com, web.de, live.com). */
    static final int MIN_EDIT_RULE_LENGTH = 9;

    private final Set<String> providers;
    private final Map<String, String> explicit;
    private final Set<String> legitimate;
    private final Map<Integer, List<String>> providersByLength;

    public ProviderTypos(Set<String> providers, Map<String, String> explicit, Set<String> legitimate) {
        this.providers = Set.copyOf(providers);
        this.explicit = Map.copyOf(explicit);
        this.legitimate = Set.copyOf(legitimate);
        Map<Integer, List<String>> byLength = new HashMap<>();
        for (String provider : providers) {
            if (provider.length() >= MIN_EDIT_RULE_LENGTH) {
                byLength.computeIfAbsent(provider.length(), k -> new ArrayList<>()).add(provider);
            }
        }
        byLength.replaceAll((length, list) -> List.copyOf(list.stream().sorted().toList()));
        this.providersByLength = Map.copyOf(byLength);
    }

    /**
     * Reads {@code mail-providers.txt} (one provider domain per line) and {@code domain-typos.txt} (lines
     * {@code typo suggestion}, or {@code ! domain} for a legitimate domain the one-edit rule must leave alone).
     */
    public static ProviderTypos fromResources(Class<?> anchor, String providersResource, String typosResource) {
        Set<String> providers = new HashSet<>();
        for (String line : DomainSet.DataLines.readLines(anchor, providersResource)) {
            providers.add(line.toLowerCase(Locale.ROOT));
        }
        Map<String, String> explicit = new HashMap<>();
        Set<String> legitimate = new HashSet<>();
        for (String line : DomainSet.DataLines.readLines(anchor, typosResource)) {
            String[] parts = line.split("\\s+");
            if (parts.length == 2 && parts[0].equals("!")) {
                legitimate.add(parts[1].toLowerCase(Locale.ROOT));
            } else if (parts.length == 2) {
                String suggestion = parts[1].toLowerCase(Locale.ROOT);
                if (!providers.contains(suggestion)) {
                    throw new IllegalStateException(typosResource + ": suggestion " + suggestion + " is not in " + providersResource);
                }
                explicit.put(parts[0].toLowerCase(Locale.ROOT), suggestion);
            } else {
                throw new IllegalStateException(typosResource + ": '" + line + "' is not 'typo suggestion' or '! domain'");
            }
        }
        return new ProviderTypos(providers, explicit, legitimate);
    }

    /** The provider domain {@code asciiDomain} probably misspells, or null. */
    public String suggestionFor(String asciiDomain) {
        if (providers.contains(asciiDomain) || legitimate.contains(asciiDomain)) {
            return null;
        }
        String known = explicit.get(asciiDomain);
        if (known != null) {
            return known;
        }
        for (int length = asciiDomain.length() - 1; length <= asciiDomain.length() + 1; length++) {
            List<String> candidates = providersByLength.get(length);
            if (candidates == null) {
                continue;
            }
            for (String provider : candidates) {
                if (oneEditApart(asciiDomain, provider)) {
                    return provider;
                }
            }
        }
        return null;
    }

    public boolean isProvider(String asciiDomain) {
        return providers.contains(asciiDomain);
    }

    /** True when {@code a} becomes {@code b} by exactly one insertion, deletion, substitution or adjacent swap. */
    static boolean oneEditApart(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1 || a.equals(b)) {
            return false;
        }
        int i = 0;
        while (i < la && i < lb && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (la == lb) {
            // substitution at i, or a swap of i and i+1
            if (a.regionMatches(i + 1, b, i + 1, la - i - 1)) {
                return true;
            }
            return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.regionMatches(i + 2, b, i + 2, la - i - 2);
        }
        return la > lb ? a.regionMatches(i + 1, b, i, lb - i) : b.regionMatches(i + 1, a, i, la - i);
    }
}
