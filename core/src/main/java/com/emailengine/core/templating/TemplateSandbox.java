package com.emailengine.core.templating;

import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.exception.ExtendedParseException;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.Token;
import org.apache.velocity.runtime.parser.node.SimpleNode;

/**
 * Apache Velocity set up so that a template can reach nothing but the values it is given, and no input can make it
 * fail otherwise than with a refusal or a failed render:
 * <ul>
 *   <li>strict mode: an undefined reference fails the render instead of printing {@code $contact.firstName}
 *       (a default is written {@code ${contact.city|'your city'}});</li>
 *   <li>{@link SandboxUberspector}: no class, no reflection, only the methods of plain values {@link SandboxMethods}
 *       lists, the non-linear ones bounded;</li>
 *   <li>no resource loader, and {@code #include}, {@code #parse}, {@code #evaluate}, {@code #define} and
 *       {@code #macro} refused when the template is compiled, with line and column ({@link TemplateTreeRules});</li>
 *   <li>nesting measured before Velocity parses ({@link TemplateNesting}) and the tree's depth before it is
 *       initialised, so the parser's recursion never meets the end of the stack; a StackOverflowError that happens
 *       anyway (a construct the measures do not see) is a refusal or a failed render, never an escaping error;</li>
 *   <li>{@link RenderLimits} inside every merge, checked by the render thread as it works: loop iterations
 *       ({@link BudgetedForeach}), output size ({@link BoundedWriter}), data built ({@link BudgetedMethod} and the
 *       guards {@link SandboxRuntime} puts in every tree), time (all of these, and the regular-expression engine's
 *       steps);</li>
 *   <li>per part, what references insert is made safe for where it goes: header text ({@link HeaderSafeWriter}),
 *       URL attributes of the HTML part ({@link UrlAttributeGuard}).</li>
 * </ul>
 * Thread-safe: compiled templates may be merged concurrently.
 */
public final class TemplateSandbox {

    /** Where a merged part goes, which decides what inserted values must not do there. */
    enum Output { HEADER, HTML, TEXT }

    private final SandboxRuntime velocity = new SandboxRuntime();
    private final RenderLimits limits;

    public TemplateSandbox(RenderLimits limits) {
        this.limits = limits;
        Properties properties = new Properties();
        properties.setProperty("runtime.strict_mode.enable", "true");
        properties.setProperty("introspector.uberspect.class", SandboxUberspector.class.getName());
        // A loader that finds nothing: even if a refused directive slipped through, it would have nothing to read.
        properties.setProperty("resource.loaders", "none");
        properties.setProperty("resource.loader.none.class", NoResourceLoader.class.getName());
        properties.setProperty("runtime.custom_directives", BudgetedForeach.class.getName());
        properties.setProperty("parser.space_gobbling", "lines");
        properties.setProperty("velocimacro.inline.allow", "false");
        velocity.init(properties);
    }

    public TemplateSandbox() {
        this(RenderLimits.DEFAULT);
    }

    public RenderLimits limits() {
        return limits;
    }

    /** Parses one source; problems carry {@code part} (such as {@code fr/html}) and the line and column. */
    public Template compile(String part, String source) {
        Optional<TemplateProblem> tooDeep = TemplateNesting.check(part, source);
        if (tooDeep.isPresent()) {
            throw new InvalidTemplateException(List.of(tooDeep.get()));
        }
        try {
            return parseCheckAndInitialise(part, source);
        } catch (StackOverflowError e) {
            // A construct the nesting measures do not see, or a thread with a small stack: still a refusal.
            throw new InvalidTemplateException(List.of(unreadable(part)));
        }
    }

    private Template parseCheckAndInitialise(String part, String source) {
        Template template = new Template();
        template.setName(part);
        template.setRuntimeServices(velocity);
        try {
            template.setData(velocity.parseSource(new StringReader(source), template));
        } catch (ParseException e) {
            throw new InvalidTemplateException(List.of(problem(part, e)));
        }
        List<TemplateProblem> refused = TemplateTreeRules.check(part, source, (SimpleNode) template.getData(), velocity);
        if (!refused.isEmpty()) {
            throw new InvalidTemplateException(refused);
        }
        TreeGuards.install((SimpleNode) template.getData());
        try {
            template.initDocument();
        } catch (InvalidTemplateException e) {
            throw e;
        } catch (VelocityException e) {
            throw new InvalidTemplateException(List.of(problem(part, e)));
        } catch (RuntimeException e) {
            throw new InvalidTemplateException(List.of(new TemplateProblem(part, 0, 0, "cannot be prepared: " + e)));
        }
        return template;
    }

    private static TemplateProblem unreadable(String part) {
        return new TemplateProblem(part, 0, 0, "the template nests too deeply to be read; flatten its #if, #foreach, "
                + "parentheses and quoted strings");
    }

    private static TemplateProblem problem(String part, Exception e) {
        int line = 0;
        int column = 0;
        if (e instanceof ExtendedParseException extended) {
            line = extended.getLineNumber();
            column = extended.getColumnNumber();
        } else if (e instanceof ParseException parse && parse.currentToken != null) {
            Token at = parse.currentToken.next != null ? parse.currentToken.next : parse.currentToken;
            line = at.beginLine;
            column = at.beginColumn;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        // Velocity repeats the place in its message ("... at fr/html[line 2, column 5]"); we carry it separately.
        message = message.replaceAll("\\s*at " + java.util.regex.Pattern.quote(part) + "\\[line \\d+, column \\d+\\]", "");
        return new TemplateProblem(part, line, column, message.strip());
    }

    /** A render's budget; one per message, shared by its parts. */
    RenderBudget budget() {
        return new RenderBudget(limits);
    }

    /** Merges one part under the budget; failures (undefined references, limits) become {@link TemplateRenderException}. */
    String merge(Template template, Map<String, Object> variables, RenderBudget budget, int expectedChars, Output output) {
        BoundedWriter bounded = new BoundedWriter(expectedChars, budget);
        UrlAttributeGuard html = output == Output.HTML ? new UrlAttributeGuard(bounded, budget.maxOutputChars()) : null;
        Writer out = html != null ? html : output == Output.HEADER ? new HeaderSafeWriter(bounded) : bounded;
        budget.enter();
        try {
            template.merge(new VelocityContext(variables), out);
            if (html != null) {
                html.finish();
            }
        } catch (RenderLimitException e) {
            throw e;
        } catch (BoundedWriter.LimitReached e) {
            throw e.limit();
        } catch (StackOverflowError e) {
            throw new RenderLimitException(template.getName() + " nests too deeply to render");
        } catch (IOException e) {
            throw new TemplateRenderException(template.getName() + ": " + e.getMessage(), e);
        } catch (TemplateRenderException e) {
            throw e;
        } catch (VelocityException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof RenderLimitException limit) {
                    throw limit;
                }
                if (cause instanceof BoundedWriter.LimitReached reached) {
                    throw reached.limit();
                }
            }
            String where = e instanceof ExtendedParseException extended && extended.getLineNumber() > 0
                    ? " (line " + extended.getLineNumber() + ", column " + extended.getColumnNumber() + ")" : "";
            throw new TemplateRenderException(template.getName() + where + ": " + cleanMessage(e.getMessage()), e);
        } catch (RuntimeException e) {
            // What Velocity's own operators throw (an ArithmeticException of BigDecimal, a ClassCastException) is the
            // template's failure to render, not the engine's.
            throw new TemplateRenderException(template.getName() + ": " + e, e);
        } finally {
            RenderBudget.leave();
        }
        return bounded.toString();
    }

    private static String cleanMessage(String message) {
        if (message == null) {
            return "cannot be rendered";
        }
        return message.replaceAll("\\s*at [^\\s\\[]+\\[line \\d+, column \\d+\\]", "");
    }
}
