package com.emailengine.core.templating;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.velocity.Template;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.node.SimpleNode;

/**
 * Velocity's runtime with no tree left unguarded. Velocity parses more than the template: when it initialises a
 * template it parses the text of each interpolated string ({@code "Hello $contact.firstName"}) as a template of its
 * own, through {@link #parse}. Those trees are held to the template's rules ({@link TemplateTreeRules}, which
 * checked them already with their places; this makes sure), get the same guards ({@link TreeGuards}) and render
 * through an {@link InterpolationGuard}. Without this, {@code "#set($m = $n * 2)$m"} would reach the arithmetic
 * unguarded, and a number literal in a string would be parsed however long it is.
 */
final class SandboxRuntime extends RuntimeInstance {

    /** A template's own source, as Velocity parses it; {@link TemplateSandbox} checks and guards it itself. */
    SimpleNode parseSource(Reader reader, Template template) throws ParseException {
        return super.parse(reader, template);
    }

    @Override
    public SimpleNode parse(Reader reader, Template template) throws ParseException {
        String text = read(reader);
        SimpleNode root = super.parse(new java.io.StringReader(text), template);
        String part = template == null ? "string" : template.getName();
        List<TemplateProblem> refused = TemplateTreeRules.check(part, text, root, this);
        if (!refused.isEmpty()) {
            throw new InvalidTemplateException(refused);
        }
        TreeGuards.install(root);
        return new InterpolationGuard(root);
    }

    private static String read(Reader reader) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[4096];
        try {
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                text.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
