package com.emailengine.core.templating;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Random content that is the same every time for one recipient: {@code $spin.one("Hi|Hello|Hey")} (spintax, with
 * nested groups: {@code "{Hi|Hello} there|Hey"}) and {@code $spin.index(slot, count)} (what converted MailWizz
 * {@code [RANDOM_CONTENT:a|b|c]} tags call). The choice is a hash of the recipient's seed and the slot, so a preview,
 * a retry and the real send agree, and different recipients get different variants. Not thread-safe; one per render.
 */
public final class Spin implements TemplateHelper {

    /** Spintax is resolved by recursion, one level per group, and each level scans its text again. */
    static final int MAX_NESTING = 10;

    private final long seed;

    public Spin(String recipientSeed) {
        this.seed = fnv(recipientSeed.getBytes(StandardCharsets.UTF_8), 0xcbf29ce484222325L);
    }

    /** A number in {@code [0, count)} for this recipient and slot. */
    public int index(int slot, int count) {
        if (count <= 1) {
            return 0;
        }
        return (int) Long.remainderUnsigned(mix(seed ^ mix(slot + 0x9E3779B97F4A7C15L)), count);
    }

    /** One option of spintax text; the text itself names the slot, so equal texts choose alike. */
    public String one(String spintax) {
        if (spintax == null) {
            return "";
        }
        if (nesting(spintax) > MAX_NESTING) {
            throw new RenderLimitException("spintax nests groups more than " + MAX_NESTING + " deep");
        }
        return resolve(spintax, fnv(spintax.getBytes(StandardCharsets.UTF_8), seed));
    }

    private String resolve(String text, long salt) {
        List<String> options = split(text);
        String chosen = options.get((int) Long.remainderUnsigned(mix(salt), options.size()));
        int open = chosen.indexOf('{');
        if (open < 0) {
            return chosen;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int group = 0;
        while (i < chosen.length()) {
            char c = chosen.charAt(i);
            if (c == '{') {
                int close = matching(chosen, i);
                if (close < 0) {
                    out.append(chosen, i, chosen.length());
                    break;
                }
                out.append(resolve(chosen.substring(i + 1, close), mix(salt + ++group)));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Splits on the bars that are not inside a nested group. */
    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
            } else if (c == '|' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static int nesting(String text) {
        int depth = 0;
        int deepest = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if (text.charAt(i) == '}') {
                depth = Math.max(0, depth - 1);
            }
        }
        return deepest;
    }

    private static int matching(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            if (text.charAt(i) == '{') {
                depth++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static long fnv(byte[] bytes, long basis) {
        long hash = basis;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** SplitMix64's finalizer: spreads close inputs over the whole range. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
