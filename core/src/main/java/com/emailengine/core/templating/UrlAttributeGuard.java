package com.emailengine.core.templating;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.velocity.io.Filter;

/**
 * Writes the HTML part, keeping what references insert from choosing where a link goes. It follows the output
 * through HTML's tokenizer states (text, tags, attributes, quoted and unquoted values, comments, raw text of
 * {@code <style>} and {@code <script>}); the value of a URL attribute ({@code href}, {@code src}, {@code action},
 * {@code formaction}, {@code xlink:href}, {@code background}, ...) that a reference wrote into is held until it ends
 * and then judged as a browser would read it (character references decoded, tabs and line breaks dropped, leading
 * spaces and controls trimmed): a value with a scheme other than http, https, mailto or tel is written
 * {@value #NEUTRAL} instead — nothing to navigate to, nothing to fetch, and visibly not the original. Values the
 * template wrote itself pass untouched, whatever their scheme: the author's links stay as written. Inside an unquoted
 * value, white space, {@code =} and backquotes a reference inserts become character references, so data cannot end
 * the value and add an attribute. Values are already HTML-escaped ({@link HtmlEscape}), so they cannot open tags or
 * close quotes.
 */
final class UrlAttributeGuard extends ForwardingWriter implements Filter {

    static final String NEUTRAL = "about:invalid";

    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "xlink:href",
            "background", "cite", "poster", "data", "codebase", "longdesc", "usemap", "lowsrc", "dynsrc", "manifest",
            "icon", "profile", "classid", "archive", "srcset", "ping");
    private static final Set<String> RAW_TEXT = Set.of("script", "style", "textarea", "title", "xmp", "iframe",
            "noembed", "noframes", "plaintext");

    private enum State { TEXT, TAG_OPEN, BANG, COMMENT, BOGUS, END_TAG, TAG_NAME, BEFORE_ATTRIBUTE, ATTRIBUTE_NAME,
        AFTER_ATTRIBUTE_NAME, BEFORE_VALUE, VALUE, RAW }

    private final int maxValueChars;
    private State state = State.TEXT;
    private final StringBuilder tagName = new StringBuilder();
    private final StringBuilder attributeName = new StringBuilder();
    /** The URL value being held, or null outside one. */
    private StringBuilder heldValue;
    private boolean valueFromReference;
    private char quote;
    private int dashes;
    private String rawTag;
    private int rawMatched;

    UrlAttributeGuard(Writer out, int maxValueChars) {
        super(out);
        this.maxValueChars = maxValueChars;
    }

    @Override
    public void writeReference(String value) throws IOException {
        process(value, 0, value.length(), true);
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        // Velocity cuts the template's text at every '#', such as those of colours in style attributes, so a text
        // often starts inside an attribute value: those are worked out once too, unless the value is a URL being held.
        boolean whole = offset == 0 && length == text.length();
        if (whole && state == State.TEXT) {
            replay(text, FROM_TEXT.computeIfAbsent(new Entry(text, State.TEXT, "", '\0'), UrlAttributeGuard::fromText));
        } else if (whole && state == State.VALUE && heldValue == null) {
            replay(text, FROM_TEXT.computeIfAbsent(new Entry(text, State.VALUE, tagName.toString(), quote),
                    UrlAttributeGuard::fromText));
        } else {
            process(text, offset, offset + length, false);
        }
    }

    /**
     * Where the template's own text leads from where it starts. Versions are immutable and Velocity writes the same
     * text nodes for every recipient, and what the tokenizer does with text it did not get from a reference depends
     * on nothing but the state it starts in: it is worked out once per text and state, and a render only replays it.
     * Starting in the text state nothing else matters; inside a value that is not held, only the tag (whose end may
     * start raw text) and the quote.
     */
    private record Entry(String text, State state, String tagName, char quote) {
    }

    private record Exit(int passed, State state, String tagName, String attributeName, char quote, int dashes,
                        String rawTag, int rawMatched, String held) {
    }

    private static final int MEMO_LIMIT = 50_000;
    private static final Map<Entry, Exit> FROM_TEXT = new ConcurrentHashMap<>();

    private static Exit fromText(Entry entry) {
        if (FROM_TEXT.size() >= MEMO_LIMIT) {
            FROM_TEXT.clear();
        }
        String text = entry.text();
        StringWriter passed = new StringWriter(text.length());
        UrlAttributeGuard scratch = new UrlAttributeGuard(passed, Integer.MAX_VALUE);
        scratch.state = entry.state();
        scratch.tagName.append(entry.tagName());
        scratch.quote = entry.quote();
        try {
            scratch.process(text, 0, text.length(), false);
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter does not fail", e);
        }
        return new Exit(passed.getBuffer().length(), scratch.state, scratch.tagName.toString(),
                scratch.attributeName.toString(), scratch.quote, scratch.dashes, scratch.rawTag, scratch.rawMatched,
                scratch.heldValue == null ? null : scratch.heldValue.toString());
    }

    private void replay(String text, Exit exit) throws IOException {
        if (exit.held() != null && exit.held().length() > maxValueChars) {
            throw new BoundedWriter.LimitReached("an attribute value is longer than " + maxValueChars + " characters");
        }
        pass(text, 0, exit.passed());
        state = exit.state();
        tagName.setLength(0);
        tagName.append(exit.tagName());
        attributeName.setLength(0);
        attributeName.append(exit.attributeName());
        quote = exit.quote();
        dashes = exit.dashes();
        rawTag = exit.rawTag();
        rawMatched = exit.rawMatched();
        heldValue = exit.held() == null ? null : new StringBuilder(exit.held());
        valueFromReference = false;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        process(new String(chars, offset, length), 0, length, false);
    }

    /** Ends the part: a URL value still open (the output stops inside it) is judged like one that ended. */
    void finish() throws IOException {
        if (heldValue != null) {
            endValue();
        }
    }

    /**
     * Most characters pass unchanged and only move the state; they are written in runs, one write per call where
     * nothing is held or escaped. Stretches that cannot change the state (text up to a '<', a quoted value up to its
     * quote, raw text up to a '<') are skipped over without looking at each character.
     */
    private void process(String text, int from, int to, boolean reference) throws IOException {
        int run = from;
        int i = from;
        while (i < to) {
            int stop = switch (state) {
                case TEXT -> indexOf(text, '<', i, to);
                case RAW -> rawMatched == 0 ? indexOf(text, '<', i, to) : i;
                case VALUE -> heldValue == null && quote != '\0' ? indexOf(text, quote, i, to) : i;
                default -> i;
            };
            if (stop > i) {
                i = stop;
                continue;
            }
            char c = text.charAt(i);
            if (state == State.VALUE && !endsValue(c, reference)) {
                if (heldValue != null || reference && quote == '\0' && (whitespace(c) || c == '=' || c == '`')) {
                    pass(text, run, i);
                    valueCharacter(c, reference);
                    run = i + 1;
                }
                i++;
                continue;
            } else if (state == State.VALUE && heldValue != null) {
                pass(text, run, i);
                run = i;
                endValue();
            } else if (state == State.BEFORE_VALUE && !whitespace(c) && c != '>' && c != '"' && c != '\'') {
                // An unquoted value starts with this character, which belongs to it.
                startValue('\0');
                continue;
            }
            step(c);
            i++;
        }
        pass(text, run, to);
    }

    private void pass(String text, int from, int to) throws IOException {
        if (to > from) {
            out.write(text, from, to - from);
        }
    }

    private static int indexOf(String text, char c, int from, int to) {
        int at = text.indexOf(c, from);
        return at < 0 || at >= to ? to : at;
    }

    private boolean endsValue(char c, boolean reference) {
        return quote != '\0' ? c == quote : c == '>' || whitespace(c) && !reference;
    }

    /** Moves the state over one character that is written unchanged. */
    private void step(char c) {
        switch (state) {
            case TEXT -> {
                if (c == '<') {
                    state = State.TAG_OPEN;
                }
            }
            case TAG_OPEN -> {
                if (asciiLetter(c)) {
                    tagName.setLength(0);
                    tagName.append(Character.toLowerCase(c));
                    state = State.TAG_NAME;
                } else {
                    state = c == '/' ? State.END_TAG : c == '!' ? State.BANG : c == '?' ? State.BOGUS
                            : c == '<' ? State.TAG_OPEN : State.TEXT;
                    dashes = 0;
                }
            }
            case BANG -> {
                if (c == '-' && ++dashes == 2) {
                    dashes = 0;
                    state = State.COMMENT;
                } else if (c != '-') {
                    state = c == '>' ? State.TEXT : State.BOGUS;
                }
            }
            case COMMENT -> {
                if (c == '>' && dashes >= 2) {
                    state = State.TEXT;
                }
                dashes = c == '-' ? dashes + 1 : 0;
            }
            case BOGUS, END_TAG -> {
                if (c == '>') {
                    state = State.TEXT;
                }
            }
            case TAG_NAME -> {
                if (whitespace(c) || c == '/') {
                    state = State.BEFORE_ATTRIBUTE;
                } else if (c == '>') {
                    endOfStartTag();
                } else {
                    tagName.append(Character.toLowerCase(c));
                }
            }
            case BEFORE_ATTRIBUTE -> {
                if (c == '>') {
                    endOfStartTag();
                } else if (!whitespace(c) && c != '/') {
                    attributeName.setLength(0);
                    attributeName.append(Character.toLowerCase(c));
                    state = State.ATTRIBUTE_NAME;
                }
            }
            case ATTRIBUTE_NAME -> {
                if (c == '=') {
                    state = State.BEFORE_VALUE;
                } else if (c == '>') {
                    endOfStartTag();
                } else if (whitespace(c)) {
                    state = State.AFTER_ATTRIBUTE_NAME;
                } else if (c == '/') {
                    state = State.BEFORE_ATTRIBUTE;
                } else {
                    attributeName.append(Character.toLowerCase(c));
                }
            }
            case AFTER_ATTRIBUTE_NAME -> {
                if (c == '=') {
                    state = State.BEFORE_VALUE;
                } else if (c == '>') {
                    endOfStartTag();
                } else if (c == '/') {
                    state = State.BEFORE_ATTRIBUTE;
                } else if (!whitespace(c)) {
                    attributeName.setLength(0);
                    attributeName.append(Character.toLowerCase(c));
                    state = State.ATTRIBUTE_NAME;
                }
            }
            case BEFORE_VALUE -> {
                if (c == '>') {
                    endOfStartTag();
                } else if (c == '"' || c == '\'') {
                    startValue(c);
                }
            }
            case VALUE -> {
                // Only the character that ends the value arrives here.
                if (c == '>') {
                    endOfStartTag();
                } else {
                    state = State.BEFORE_ATTRIBUTE;
                }
            }
            case RAW -> rawEnd(c);
        }
    }

    private void startValue(char quoteChar) {
        quote = quoteChar;
        state = State.VALUE;
        valueFromReference = false;
        heldValue = URL_ATTRIBUTES.contains(attributeName.toString()) ? new StringBuilder() : null;
    }

    /** A character of a value that does not pass unchanged: held (URL values) or escaped (data in unquoted values). */
    private void valueCharacter(char c, boolean reference) throws IOException {
        if (reference && quote == '\0' && (whitespace(c) || c == '=' || c == '`')) {
            // Data cannot end an unquoted value: the character goes in as a reference to itself.
            String escaped = "&#" + (int) c + ";";
            if (heldValue == null) {
                out.write(escaped);
            } else {
                hold(escaped);
            }
            valueFromReference = true;
            return;
        }
        valueFromReference |= reference;
        hold(String.valueOf(c));
    }

    private void hold(String chars) throws IOException {
        if (heldValue.length() + chars.length() > maxValueChars) {
            throw new BoundedWriter.LimitReached("an attribute value is longer than " + maxValueChars + " characters");
        }
        heldValue.append(chars);
    }

    private void endValue() throws IOException {
        if (heldValue != null) {
            String value = heldValue.toString();
            heldValue = null;
            out.write(valueFromReference && !LinkScheme.allowed(value) ? NEUTRAL : value);
        }
    }

    private void endOfStartTag() {
        String name = tagName.toString();
        if (RAW_TEXT.contains(name)) {
            rawTag = "</" + name;
            rawMatched = 0;
            state = State.RAW;
        } else {
            state = State.TEXT;
        }
    }

    /** Raw text ends at {@code </name}, in any case; the rest of that end tag is read as one. */
    private void rawEnd(char c) {
        if (Character.toLowerCase(c) == rawTag.charAt(rawMatched)) {
            if (++rawMatched == rawTag.length()) {
                state = State.END_TAG;
            }
        } else {
            rawMatched = c == '<' ? 1 : 0;
        }
    }

    private static boolean whitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private static boolean asciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

}
