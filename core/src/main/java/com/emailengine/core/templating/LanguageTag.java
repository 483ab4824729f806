package com.emailengine.core.templating;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The language of a template variant or a contact, as a BCP 47 tag reduced to what email needs: a language,
 * optionally a script and a region ({@code fr}, {@code pt-BR}, {@code zh-Hant}). Always held in canonical case
 * ({@code pt-BR}, not {@code pt_br}).
 */
public record LanguageTag(String value) {

    private static final Pattern TAG = Pattern.compile("([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{4}))?(?:[-_]([a-zA-Z]{2}|[0-9]{3}))?");
    /** Languages written right to left (by language, and by script for tags that name one). */
    private static final Set<String> RTL_LANGUAGES = Set.of("ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug");
    private static final Set<String> RTL_SCRIPTS = Set.of("Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm");

    public LanguageTag {
        if (value == null || !value.equals(canonical(value))) {
            throw new IllegalArgumentException("'" + value + "' is not a language tag such as fr, pt-BR or zh-Hant");
        }
    }

    @JsonCreator
    public static LanguageTag of(String text) {
        return parse(text).orElseThrow(() ->
                new IllegalArgumentException("'" + text + "' is not a language tag such as fr, pt-BR or zh-Hant"));
    }

    public static LanguageTag of(Language language) {
        return new LanguageTag(language.code());
    }

    /** Accepts {@code fr}, {@code FR}, {@code pt_br}, {@code zh-hant-TW}; empty for anything else. */
    public static Optional<LanguageTag> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String canonical = canonical(text.strip());
        return canonical == null ? Optional.empty() : Optional.of(new LanguageTag(canonical));
    }

    private static String canonical(String text) {
        Matcher m = TAG.matcher(text);
        if (!m.matches()) {
            return null;
        }
        StringBuilder out = new StringBuilder(m.group(1).toLowerCase(Locale.ROOT));
        if (m.group(2) != null) {
            out.append('-').append(Character.toUpperCase(m.group(2).charAt(0))).append(m.group(2).substring(1).toLowerCase(Locale.ROOT));
        }
        if (m.group(3) != null) {
            out.append('-').append(m.group(3).toUpperCase(Locale.ROOT));
        }
        return out.toString();
    }

    /** The language subtag alone: {@code pt} for {@code pt-BR}. */
    public String language() {
        int dash = value.indexOf('-');
        return dash < 0 ? value : value.substring(0, dash);
    }

    public LanguageTag base() {
        return isBase() ? this : new LanguageTag(language());
    }

    public boolean isBase() {
        return value.indexOf('-') < 0;
    }

    public Optional<String> script() {
        for (String part : value.split("-")) {
            if (part.length() == 4) {
                return Optional.of(part);
            }
        }
        return Optional.empty();
    }

    public boolean rightToLeft() {
        return script().map(RTL_SCRIPTS::contains).orElse(RTL_LANGUAGES.contains(language()));
    }

    public Locale locale() {
        return Locale.forLanguageTag(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
