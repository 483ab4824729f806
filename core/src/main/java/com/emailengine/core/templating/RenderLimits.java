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

    public static final RenderLimits DEFAULT = new RenderLimits(Duration.ofMillis(500), 1_000_000, 10_000);
}
