package com.emailengine.core.templating;

import java.time.Duration;

/**
 * What one render may consume: a render that exceeds any bound fails (nothing is sent) instead of producing a
 * truncated message.
 *
 * @param maxRenderTime  wall time for all parts of one message together
 * @param maxOutputChars characters of one rendered part
 * @param maxIterations  {@code #foreach} iterations of one message, nested loops counted together
 */
public record RenderLimits(Duration maxRenderTime, int maxOutputChars, int maxIterations) {

    /**
     * Two seconds is a backstop, not a target (a warm render takes tens of microseconds): the first render in a fresh
     * JVM pays class loading, and a cold Lambda must not fail a message for that. Loops and size are the real bounds.
     */
    public static final RenderLimits DEFAULT = new RenderLimits(Duration.ofSeconds(2), 1_000_000, 10_000);
}
