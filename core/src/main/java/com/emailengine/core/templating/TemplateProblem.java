package com.emailengine.core.templating;

/**
 * Something wrong in a template source, with where it is.
 *
 * @param part   which source: e.g. {@code fr/html}, {@code en/subject}
 * @param line   1-based line in that source (0 when not tied to a place)
 * @param column 1-based column
 */
public record TemplateProblem(String part, int line, int column, String message) {

    @Override
    public String toString() {
        return line > 0 ? part + " line " + line + " column " + column + ": " + message : part + ": " + message;
    }
}
