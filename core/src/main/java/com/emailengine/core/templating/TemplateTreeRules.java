package com.emailengine.core.templating;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.apache.velocity.Template;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.Token;
import org.apache.velocity.runtime.parser.node.ASTDirective;
import org.apache.velocity.runtime.parser.node.ASTFloatingPointLiteral;
import org.apache.velocity.runtime.parser.node.ASTIntegerLiteral;
import org.apache.velocity.runtime.parser.node.ASTMethod;
import org.apache.velocity.runtime.parser.node.ASTStringLiteral;
import org.apache.velocity.runtime.parser.node.Node;

/**
 * What a parsed template may contain, checked on its syntax tree before Velocity initialises it (which recurses over
 * the tree and parses number literals):
 * <ul>
 *   <li>a tree at most {@value #MAX_TREE_DEPTH} deep: an operator chain ({@code $a + $a + ...}) nests one level per
 *       operand without any bracket; measured, 2,000 operands overflow a 512 KB stack when initialised, 1,000 do not;</li>
 *   <li>only the directives templates may use ({@code #include}, {@code #parse}, {@code #evaluate}, {@code #define},
 *       {@code #macro} and unknown directives with arguments are refused);</li>
 *   <li>only methods some receiver allows ({@link SandboxMethods}): {@code $name.format(...)} is refused when saved
 *       rather than failing every send;</li>
 *   <li>number literals of at most {@value #MAX_NUMBER_LITERAL} characters: a 500,000-digit literal takes the JDK
 *       5.7 s to parse.</li>
 * </ul>
 * Interpolated strings ({@code "Hello $name"}) are template text that Velocity parses when it initialises the
 * template; the walk parses them too and goes on into their trees, reporting places in the template's own lines.
 * The walk is iterative, so a tree too deep for the checks is still reported, not overflowed.
 */
final class TemplateTreeRules {

    static final int MAX_TREE_DEPTH = 300;
    static final int MAX_NUMBER_LITERAL = 100;

    /** The directives a template may use; {@code #if}, {@code #else}, {@code #set} are grammar, not directives. */
    private static final Set<String> ALLOWED_DIRECTIVES = Set.of("foreach", "break", "stop");
    private static final Set<String> REFUSED_DIRECTIVES = Set.of("include", "parse", "evaluate", "macro", "define");

    private TemplateTreeRules() {
    }

    /**
     * A node to check, and where its tree's positions are in the template: a position (l, c) of the tree is line
     * {@code line + l - 1} of the template, and on its first line column {@code column + c} (Velocity's own mapping
     * for interpolated strings); the template's own tree starts at line 1, column 0.
     */
    private record Visit(Node node, int depth, int line, int column) {
        int lineOf(Token token) {
            return line + token.beginLine - 1;
        }

        int columnOf(Token token) {
            return token.beginLine == 1 ? column + token.beginColumn : token.beginColumn;
        }
    }

    static List<TemplateProblem> check(String part, String source, Node root, SandboxRuntime velocity) {
        String[] lines = source.split("\n", -1);
        List<TemplateProblem> problems = new ArrayList<>();
        Template owner = new Template();
        owner.setName(part);
        Deque<Visit> pending = new ArrayDeque<>();
        pending.push(new Visit(root, 1, 1, 0));
        while (!pending.isEmpty()) {
            Visit visit = pending.pop();
            Node node = visit.node();
            if (visit.depth() > MAX_TREE_DEPTH) {
                return List.of(at(part, lines, visit, "the template's expressions nest more than " + MAX_TREE_DEPTH
                        + " levels deep (a chain of operators counts one level per operand); split it up"));
            }
            String refusal = refusal(node);
            if (refusal != null) {
                problems.add(at(part, lines, visit, refusal));
            }
            if (node instanceof ASTStringLiteral && interpolated(node.getFirstToken())) {
                Token literal = node.getFirstToken();
                try {
                    Node inner = velocity.parseSource(new StringReader(content(literal.image)), owner);
                    pending.push(new Visit(inner, visit.depth() + 1, visit.lineOf(literal), visit.columnOf(literal)));
                } catch (ParseException e) {
                    problems.add(at(part, lines, visit, "a quoted string is not valid template text: "
                            + e.getMessage().lines().findFirst().orElse("")));
                }
            }
            for (int i = node.jjtGetNumChildren() - 1; i >= 0; i--) {
                pending.push(new Visit(node.jjtGetChild(i), visit.depth() + 1, visit.line(), visit.column()));
            }
        }
        problems.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line()) : Integer.compare(a.column(), b.column()));
        return problems;
    }

    private static String refusal(Node node) {
        if (node instanceof ASTDirective directive) {
            return directive(directive);
        }
        if (node instanceof ASTMethod && node.getFirstToken() != null && !SandboxMethods.callable(node.getFirstToken().image)) {
            String name = node.getFirstToken().image;
            return "." + name + "(...) is not a method templates may call; text offers " + String.join(", ",
                    SandboxMethods.TEXT.stream().sorted().toList());
        }
        if ((node instanceof ASTIntegerLiteral || node instanceof ASTFloatingPointLiteral) && node.getFirstToken() != null
                && node.getFirstToken().image.length() > MAX_NUMBER_LITERAL) {
            return "a number literal longer than " + MAX_NUMBER_LITERAL + " characters";
        }
        return null;
    }

    private static String directive(ASTDirective directive) {
        String name = directive.getDirectiveName();
        // Velocity reads any "#word" as a directive node; an unknown word without arguments (a colour such as #f4f5f7,
        // an anchor) renders as the literal text, an unknown word with arguments would be a macro call.
        if (ALLOWED_DIRECTIVES.contains(name) || !REFUSED_DIRECTIVES.contains(name) && directive.jjtGetNumChildren() == 0
                && directive.getLastToken() == directive.getFirstToken()) {
            return null;
        }
        return switch (name) {
            case "include", "parse" -> "#" + name + " is not allowed: templates cannot read other files";
            case "evaluate" -> "#evaluate is not allowed: it would run text as template code";
            case "macro", "define" -> "#" + name + " is not allowed in email templates";
            default -> "#" + name + " is not a directive templates may use (allowed: #if, #elseif, #else, #set, "
                    + "#foreach, #break, #stop); write \\#" + name + " for the literal text";
        };
    }

    /** Velocity interpolates double-quoted strings that hold a reference or a directive. */
    private static boolean interpolated(Token literal) {
        return literal != null && literal.image.startsWith("\"")
                && (literal.image.indexOf('$') >= 0 || literal.image.indexOf('#') >= 0);
    }

    /** The text Velocity parses for an interpolated string: unquoted, \\u escapes decoded, doubled quotes single. */
    private static String content(String image) {
        return ASTStringLiteral.unescape(image.substring(1, image.length() - 1)).replace("\"\"", "\"");
    }

    private static TemplateProblem at(String part, String[] lines, Visit visit, String message) {
        Node node = visit.node();
        Token token = node.getFirstToken();
        int line = token == null ? 0 : visit.lineOf(token);
        int column = token == null ? 0 : visit.columnOf(token);
        if (node instanceof ASTDirective) {
            column = hashColumn(lines, line, column);
        }
        return new TemplateProblem(part, line, column, message);
    }

    /** The column of the '#' at or after {@code column}: with space gobbling, Velocity reports where the line starts. */
    private static int hashColumn(String[] lines, int line, int column) {
        if (line < 1 || line > lines.length || column < 1) {
            return column;
        }
        int hash = lines[line - 1].indexOf('#', column - 1);
        return hash < 0 ? column : hash + 1;
    }
}
