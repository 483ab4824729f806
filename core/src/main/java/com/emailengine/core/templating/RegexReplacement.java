package com.emailengine.core.templating;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * A replacement text of {@code replaceAll} and {@code replaceFirst}, read once with {@link java.util.regex.Matcher}'s
 * rules ({@code $1}, {@code $12} when there are twelve groups, <code>${name}</code>, a backslash taking the next
 * character as it is) so that {@link BoundedRegex} knows the exact size of each match's replacement before it writes
 * it. The JDK's own expansion is tied to a matcher that searches by itself, which BoundedRegex does not let it do.
 */
final class RegexReplacement {

    /** A literal stretch (group -1) or a group's text. */
    private record Piece(String literal, int group) {
    }

    private final List<Piece> pieces;

    private RegexReplacement(List<Piece> pieces) {
        this.pieces = pieces;
    }

    static RegexReplacement parse(String replacement, Pattern pattern) {
        int groups = pattern.matcher("").groupCount();
        Map<String, Integer> named = pattern.namedGroups();
        List<Piece> pieces = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\') {
                if (++i == replacement.length()) {
                    throw new IllegalArgumentException("character to be escaped is missing");
                }
                literal.append(replacement.charAt(i));
            } else if (c == '$') {
                if (++i == replacement.length()) {
                    throw new IllegalArgumentException("Illegal group reference: group index is missing");
                }
                int group;
                if (replacement.charAt(i) == '{') {
                    int close = replacement.indexOf('}', i);
                    if (close < 0) {
                        throw new IllegalArgumentException("named capturing group is missing trailing '}'");
                    }
                    String name = replacement.substring(i + 1, close);
                    Integer number = named.get(name);
                    if (number == null) {
                        throw new IllegalArgumentException("No group with name {" + name + "}");
                    }
                    group = number;
                    i = close;
                } else {
                    group = digit(replacement.charAt(i));
                    if (group < 0) {
                        throw new IllegalArgumentException("Illegal group reference");
                    }
                    // Further digits belong to the reference while they still name a group.
                    while (i + 1 < replacement.length() && digit(replacement.charAt(i + 1)) >= 0
                            && group * 10L + digit(replacement.charAt(i + 1)) <= groups) {
                        group = group * 10 + digit(replacement.charAt(++i));
                    }
                    if (group > groups) {
                        throw new IndexOutOfBoundsException("No group " + group);
                    }
                }
                if (!literal.isEmpty()) {
                    pieces.add(new Piece(literal.toString(), -1));
                    literal.setLength(0);
                }
                pieces.add(new Piece(null, group));
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            pieces.add(new Piece(literal.toString(), -1));
        }
        return new RegexReplacement(List.copyOf(pieces));
    }

    /** The length of this replacement for one match. */
    long length(MatchResult match) {
        long length = 0;
        for (Piece piece : pieces) {
            length += piece.group() < 0 ? piece.literal().length()
                    : match.start(piece.group()) < 0 ? 0 : match.end(piece.group()) - match.start(piece.group());
        }
        return length;
    }

    void appendTo(StringBuilder out, CharSequence text, MatchResult match) {
        for (Piece piece : pieces) {
            if (piece.group() < 0) {
                out.append(piece.literal());
            } else if (match.start(piece.group()) >= 0) {
                out.append(text, match.start(piece.group()), match.end(piece.group()));
            }
        }
    }

    private static int digit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : -1;
    }
}
