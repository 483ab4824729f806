package com.emailengine.core.templating;

/**
 * How a template is prepared before it is compiled.
 *
 * @param inlineCss copy the rules of its {@code <style>} blocks into {@code style} attributes (for clients such as
 *                  older Outlook and many webmail views that ignore or strip style sheets); done once per version
 */
public record TemplateOptions(boolean inlineCss) {

    public static final TemplateOptions DEFAULT = new TemplateOptions(false);
}
