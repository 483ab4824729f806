package com.emailengine.core.campaign.timing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A contact's own moment inside a window opening, so that a campaign enrolled at once does not leave in one burst
 * when the window opens: uniform over the opening, to the second, and a pure function of the seed, so a retry (or a
 * second scheduler run) computes the same moment. The seed is the contact's ({@link #seedOf}); the mixing is
 * SplitMix64's finalizer (Steele, Lea, Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014), written
 * here rather than borrowed from {@code java.util.random}, whose algorithms the JDK may change.
 */
public final class SendSpread {

    private SendSpread() {
    }

    /** A moment in {@code [opening.opens, opening.closes)}, whole seconds after it opens. */
    public static Instant within(WindowOpening opening, long seed) {
        long seconds = opening.length().getSeconds();
        if (seconds <= 0) {
            return opening.opens();
        }
        // The high half of a 64x64-bit product maps the mixed seed onto [0, seconds) evenly, without modulo bias.
        return opening.opens().plusSeconds(Math.unsignedMultiplyHigh(mix(seed), seconds));
    }

    /** A seed from a contact's id: 64-bit FNV-1a over its UTF-8 bytes, stable across JVMs and releases. */
    public static long seedOf(String contactId) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : contactId.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    static long mix(long seed) {
        long z = seed + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
