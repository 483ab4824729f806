package com.emailengine.platform.smtp;

import java.util.List;
import java.util.Optional;

/** The {@code <path>} and parameters of MAIL FROM / RCPT TO, and the address checks the session makes. */
record MailPath(String address, List<String> parameters) {

    static Optional<MailPath> parse(String argument, String keyword) {
        if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
            return Optional.empty();
        }
        String rest = argument.substring(keyword.length()).stripLeading(); // a space after ':' is common
        if (!rest.startsWith("<")) {
            return Optional.empty();
        }
        int close = -1;
        boolean quoted = false;
        for (int i = 1; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            return Optional.empty();
        }
        String address = rest.substring(1, close);
        if (address.startsWith("@")) {
            int colon = address.indexOf(':');
            address = colon < 0 ? address : address.substring(colon + 1); // drop an old source route
        }
        String tail = rest.substring(close + 1);
        if (!tail.isEmpty() && !tail.startsWith(" ")) {
            return Optional.empty();
        }
        List<String> parameters = tail.isBlank() ? List.of() : List.of(tail.strip().split(" +"));
        return Optional.of(new MailPath(address, parameters));
    }

    static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    /** Not RFC 5321's whole grammar: a local part, an @ and a domain, without spaces or controls. */
    static boolean looksLikeMailbox(String address) {
        int at = address.lastIndexOf('@');
        return at > 0 && at < address.length() - 1 && address.chars().noneMatch(c -> c <= ' ');
    }
}
