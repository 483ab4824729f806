package com.emailengine.core.api;

import java.util.Locale;

/**
 * Whether a request's Content-Type says JSON: exactly {@code application/json}, in any case, optionally followed by
 * parameters ({@code ; charset=utf-8}). A prefix test would also take {@code application/jsonp} or
 * {@code application/json-seq}, which are other formats.
 */
public final class JsonMediaType {

    private JsonMediaType() {
    }

    public static boolean matches(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.strip().toLowerCase(Locale.ROOT).equals("application/json");
    }
}
