package com.emailengine.core.pmta;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A PowerMTA configuration file read as what it is: directives ({@code max-smtp-out 10}) and blocks
 * ({@code <domain gmail.com> … </domain>}) that nest, each with its line. Comments ({@code #}) and blank
 * lines are skipped, a trailing backslash continues a line. Nothing is interpreted here.
 */
public final class PowerMtaConfig {

    /** {@code name value…} at {@code line}. */
    public record Directive(String name, String value, int line) {
    }

    /** {@code <name argument>} … {@code </name>}, opened at {@code line}. */
    public record Block(String name, String argument, int line, List<Directive> directives, List<Block> blocks) {

        public Block {
            directives = List.copyOf(directives);
            blocks = List.copyOf(blocks);
        }

        public Optional<Directive> directive(String directiveName) {
            return directives.stream().filter(d -> d.name().equals(directiveName)).findFirst();
        }

        public List<Block> blocks(String blockName) {
            return blocks.stream().filter(b -> b.name().equals(blockName)).toList();
        }
    }

    /** A line the reader cannot make sense of. */
    public static final class SyntaxException extends RuntimeException {
        public SyntaxException(int line, String problem) {
            super("line " + line + ": " + problem);
        }
    }

    private PowerMtaConfig() {
    }

    /** The whole file as one unnamed root block. */
    public static Block parse(String text) {
        List<Frame> stack = new ArrayList<>();
        stack.add(new Frame("", "", 0));
        String[] lines = text.split("\r?\n", -1);
        StringBuilder pending = new StringBuilder();
        int pendingLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (pending.isEmpty()) {
                pendingLine = i + 1;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String full = pending.toString().strip();
            pending.setLength(0);
            if (full.isEmpty()) {
                continue;
            }
            if (full.startsWith("</")) {
                String name = full.substring(2, full.length() - 1).strip().toLowerCase(Locale.ROOT);
                if (!full.endsWith(">") || stack.size() == 1 || !stack.getLast().name.equals(name)) {
                    throw new SyntaxException(pendingLine, "'" + full + "' closes no open <" + name + "> block");
                }
                Frame done = stack.removeLast();
                stack.getLast().blocks.add(done.toBlock());
            } else if (full.startsWith("<")) {
                if (!full.endsWith(">")) {
                    throw new SyntaxException(pendingLine, "a block opening must end with '>': " + full);
                }
                String inside = full.substring(1, full.length() - 1).strip();
                int space = inside.indexOf(' ');
                String name = (space < 0 ? inside : inside.substring(0, space)).toLowerCase(Locale.ROOT);
                String argument = space < 0 ? "" : inside.substring(space + 1).strip();
                stack.add(new Frame(name, argument, pendingLine));
            } else {
                int space = full.indexOf(' ');
                String name = (space < 0 ? full : full.substring(0, space)).toLowerCase(Locale.ROOT);
                String value = space < 0 ? "" : full.substring(space + 1).strip();
                stack.getLast().directives.add(new Directive(name, value, pendingLine));
            }
        }
        if (stack.size() > 1) {
            Frame open = stack.getLast();
            throw new SyntaxException(open.line, "<" + open.name + (open.argument.isEmpty() ? "" : " " + open.argument)
                    + "> is never closed");
        }
        return stack.getFirst().toBlock();
    }

    private static final class Frame {
        final String name;
        final String argument;
        final int line;
        final List<Directive> directives = new ArrayList<>();
        final List<Block> blocks = new ArrayList<>();

        Frame(String name, String argument, int line) {
            this.name = name;
            this.argument = argument;
            this.line = line;
        }

        Block toBlock() {
            return new Block(name, argument, line, directives, blocks);
        }
    }
}
