package com.emailengine.core.templating;

import java.time.Duration;

/**
 * What one render may consume: a render that exceeds any bound fails (nothing is sent) instead of producing a
 * truncated message.
 *
 * @param maxRenderTime  wall time for all parts of one message together, checked by the render itself wherever it
 *                       does work (every write, loop iteration, operand, method call and regular-expression step)
 * @param maxOutputChars characters of one rendered part
 * @param maxIterations  {@code #foreach} iterations of one message, nested loops counted together
 * @param maxDataChars   characters of the values one message's render builds (concatenations, interpolated strings,
 *                       literals, method results; all parts together): what bounds the memory a template can make
 *                       the renderer allocate
 */
public record RenderLimits(Duration maxRenderTime, int maxOutputChars, int maxIterations, int maxDataChars) {

    /**
     * Two seconds is a backstop, not a target (a warm render takes tens of microseconds): the first render in a fresh
     * JVM pays class loading, and a cold Lambda must not fail a message for that. Loops, size and data are the real
     * bounds; four million characters of data is four parts' worth of the largest output.
     */
    public static final RenderLimits DEFAULT = new RenderLimits(Duration.ofSeconds(2), 1_000_000, 10_000, 4_000_000);

    /** With the data budget at four parts' worth of output. */
    public RenderLimits(Duration maxRenderTime, int maxOutputChars, int maxIterations) {
        this(maxRenderTime, maxOutputChars, maxIterations, (int) Math.min(Integer.MAX_VALUE, 4L * maxOutputChars));
    }
}
