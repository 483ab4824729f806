package com.emailengine.core.templating;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The languages templates are written in. Arabic is written right to left. */
public enum Language {
    EN("en", false), FR("fr", false), ES("es", false), DE("de", false), IT("it", false),
    PT("pt", false), NL("nl", false), AR("ar", true), ZH("zh", false);

    private final String code;
    private final boolean rightToLeft;

    Language(String code, boolean rightToLeft) {
        this.code = code;
        this.rightToLeft = rightToLeft;
    }

    public String code() {
        return code;
    }

    public boolean rightToLeft() {
        return rightToLeft;
    }

    /** Accepts a BCP 47 tag ({@code fr}, {@code fr-CA}, {@code zh_Hans}) and keeps its base language. */
    public static Optional<Language> fromTag(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String base = tag.strip().replace('_', '-').split("-", 2)[0].toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(l -> l.code.equals(base)).findFirst();
    }
}
