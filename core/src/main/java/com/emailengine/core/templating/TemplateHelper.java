package com.emailengine.core.templating;

/**
 * Marks the objects the engine itself puts into a template's context ({@code $spin}, {@code $text}): the sandbox lets
 * templates call their public methods, and no other object's beyond strings, numbers, maps and lists.
 */
public interface TemplateHelper {
}
