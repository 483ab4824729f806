package com.emailengine.core.templating;

/** A render stopped because it exceeded one of its {@link RenderLimits}. */
public final class RenderLimitException extends TemplateRenderException {

    private final boolean time;

    public RenderLimitException(String message) {
        this(message, false);
    }

    private RenderLimitException(String message, boolean time) {
        super(message);
        this.time = time;
    }

    /** The render's time ran out: the one limit whose failure costs the caller the whole budget. */
    static RenderLimitException timeRanOut(String message) {
        return new RenderLimitException(message, true);
    }

    public boolean timeRanOut() {
        return time;
    }
}
