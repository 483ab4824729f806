package com.emailengine.core.templating;

/** A render stopped because it exceeded one of its {@link RenderLimits}. */
public final class RenderLimitException extends TemplateRenderException {

    public RenderLimitException(String message) {
        super(message);
    }
}
