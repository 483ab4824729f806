package com.emailengine.core.templating;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.exception.ExtendedParseException;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.Token;
import org.apache.velocity.runtime.parser.node.ASTDirective;
import org.apache.velocity.runtime.parser.node.Node;
import org.apache.velocity.runtime.parser.node.SimpleNode;

/**
 * Apache Velocity set up so that a template can reach nothing but the values it is given:
 * <ul>
 *   <li>strict mode: an undefined reference fails the render instead of printing {@code $contact.firstName}
 *       (a default is written {@code ${contact.city|'your city'}});</li>
 *   <li>{@link SandboxUberspector}: no class, no reflection, no method of an object that is not a plain value;</li>
 *   <li>no resource loader, and {@code #include}, {@code #parse}, {@code #evaluate}, {@code #define} and
 *       {@code #macro} refused when the template is compiled, with line and column;</li>
 *   <li>{@link RenderLimits} on every merge: loop iterations ({@link BudgetedForeach}), output size, time.</li>
 * </ul>
 * Thread-safe: compiled templates may be merged concurrently.
 */
public final class TemplateSandbox {

    /** The directives a template may use; {@code #if}, {@code #else}, {@code #set} are grammar, not directives. */
    private static final Set<String> ALLOWED_DIRECTIVES = Set.of("foreach", "break", "stop");
    private static final Set<String> REFUSED_DIRECTIVES = Set.of("include", "parse", "evaluate", "macro", "define");

    private final RuntimeInstance velocity = new RuntimeInstance();
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
        Template template = new Template();
        template.setName(part);
        template.setRuntimeServices(velocity);
        try {
            template.setData(velocity.parse(new StringReader(source), template));
        } catch (ParseException e) {
            throw new InvalidTemplateException(List.of(problem(part, e)));
        }
        List<TemplateProblem> refused = new ArrayList<>();
        refuseDirectives(part, source.split("\n", -1), (SimpleNode) template.getData(), refused);
        if (!refused.isEmpty()) {
            throw new InvalidTemplateException(refused);
        }
        try {
            template.initDocument();
        } catch (VelocityException e) {
            throw new InvalidTemplateException(List.of(problem(part, e)));
        }
        return template;
    }

    private static void refuseDirectives(String part, String[] lines, Node node, List<TemplateProblem> problems) {
        // Velocity reads any "#word" as a directive node; an unknown word without arguments (a colour such as #f4f5f7,
        // an anchor) renders as the literal text, an unknown word with arguments would be a macro call.
        if (node instanceof ASTDirective directive && !ALLOWED_DIRECTIVES.contains(directive.getDirectiveName())
                && (REFUSED_DIRECTIVES.contains(directive.getDirectiveName()) || directive.jjtGetNumChildren() > 0
                || directive.getLastToken() != directive.getFirstToken())) {
            String name = directive.getDirectiveName();
            String why = switch (name) {
                case "include", "parse" -> "#" + name + " is not allowed: templates cannot read other files";
                case "evaluate" -> "#evaluate is not allowed: it would run text as template code";
                case "macro", "define" -> "#" + name + " is not allowed in email templates";
                default -> "#" + name + " is not a directive templates may use (allowed: #if, #elseif, #else, #set, "
                        + "#foreach, #break, #stop); write \\#" + name + " for the literal text";
            };
            Token at = directive.getFirstToken();
            int line = at == null ? 0 : at.beginLine;
            problems.add(new TemplateProblem(part, line, hashColumn(lines, line, at == null ? 0 : at.beginColumn), why));
        }
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            refuseDirectives(part, lines, node.jjtGetChild(i), problems);
        }
    }

    /** The column of the '#' at or after {@code column}: with space gobbling, Velocity reports where the line starts. */
    private static int hashColumn(String[] lines, int line, int column) {
        if (line < 1 || line > lines.length || column < 1) {
            return column;
        }
        int hash = lines[line - 1].indexOf('#', column - 1);
        return hash < 0 ? column : hash + 1;
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
    String merge(Template template, Map<String, Object> variables, RenderBudget budget, int expectedChars) {
        BoundedWriter out = new BoundedWriter(expectedChars, budget);
        budget.enter();
        try {
            template.merge(new VelocityContext(variables), out);
        } catch (RenderLimitException e) {
            throw e;
        } catch (VelocityException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof RenderLimitException limit) {
                    throw limit;
                }
                if (cause instanceof BoundedWriter.LimitReached reached) {
                    throw new RenderLimitException(reached.getMessage());
                }
            }
            String where = e instanceof ExtendedParseException extended && extended.getLineNumber() > 0
                    ? " (line " + extended.getLineNumber() + ", column " + extended.getColumnNumber() + ")" : "";
            throw new TemplateRenderException(template.getName() + where + ": " + cleanMessage(e.getMessage()), e);
        } finally {
            RenderBudget.leave();
        }
        return out.toString();
    }

    private static String cleanMessage(String message) {
        if (message == null) {
            return "cannot be rendered";
        }
        return message.replaceAll("\\s*at [^\\s\\[]+\\[line \\d+, column \\d+\\]", "");
    }
}
