package com.emailengine.emulators.internet;

import java.util.Locale;

/** The one spelling of a domain name used as a key inside the local DNS: lower case, absolute. */
final class DnsNames {

    private DnsNames() {
    }

    /** {@code "Gmail.Test"} and {@code "gmail.test."} both become {@code "gmail.test."}. */
    static String absolute(String name) {
        String trimmed = name.strip().toLowerCase(Locale.ROOT);
        if (trimmed.isEmpty() || trimmed.equals(".")) {
            return ".";
        }
        return trimmed.endsWith(".") ? trimmed : trimmed + ".";
    }

    /** The name one label up, or {@code null} for the root. */
    static String parent(String absoluteName) {
        if (absoluteName.equals(".")) {
            return null;
        }
        int dot = absoluteName.indexOf('.');
        String rest = absoluteName.substring(dot + 1);
        return rest.isEmpty() ? "." : rest;
    }
}
