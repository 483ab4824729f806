package com.emailengine.core.templating;

/** A template that cannot be rendered for a recipient; nothing must be sent. */
public class TemplateRenderException extends RuntimeException {

    public TemplateRenderException(String message, Throwable cause) {
        super(message, cause);
    }

    public TemplateRenderException(String message) {
        super(message);
    }
}
