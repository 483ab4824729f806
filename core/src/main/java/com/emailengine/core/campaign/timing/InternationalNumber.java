package com.emailengine.core.campaign.timing;

import java.util.Optional;

/**
 * The digits of a phone number written in international form, calling code first: {@code +33 1 23 45 67 89},
 * {@code 0033 1 23 45 67 89}, {@code (+33) 1-23-45-67-89}, {@code +44 (0)20 7946 0000}, {@code tel:+1-212-555-0100}
 * all give {@code 33123456789} or the like. A number in national form ({@code 01 23 45 67 89}) has no calling code and
 * gives nothing: guessing the country from it would be a guess. {@code 011}, the NANP's international prefix, is not
 * taken either, since national numbers elsewhere start with it (Reading, UK: 0118).
 *
 * @param digits the calling code and the national number, 7 to 15 digits (E.164's bounds, ITU-T E.164 §6.1)
 */
public record InternationalNumber(String digits) {

    private static final int MIN_DIGITS = 7;
    private static final int MAX_DIGITS = 15;

    public InternationalNumber {
        if (!digits.matches("[0-9]{" + MIN_DIGITS + "," + MAX_DIGITS + "}")) {
            throw new IllegalArgumentException("an international number has 7 to 15 digits: " + digits);
        }
    }

    /** The number's digits; empty when it is not an international number (text after it, as an extension, is cut). */
    public static Optional<InternationalNumber> parse(String phone) {
        if (phone == null) {
            return Optional.empty();
        }
        String text = phone.strip();
        if (text.regionMatches(true, 0, "tel:", 0, 4)) {
            text = text.substring(4);
        }
        // "+44 (0)20 …": the bracketed trunk prefix is dialled only from inside the country.
        text = text.replace("(0)", "");
        StringBuilder compact = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' || c == '+') {
                compact.append(c);
            } else if (!isSeparator(c)) {
                break; // "ext. 12", "x12", "#12": the number is what came before
            }
        }
        String digits;
        if (compact.length() > 1 && compact.charAt(0) == '+') {
            digits = compact.substring(1);
        } else if (compact.length() > 2 && compact.charAt(0) == '0' && compact.charAt(1) == '0') {
            digits = compact.substring(2);
        } else {
            return Optional.empty();
        }
        if (digits.indexOf('+') >= 0 || digits.length() < MIN_DIGITS || digits.length() > MAX_DIGITS) {
            return Optional.empty();
        }
        return Optional.of(new InternationalNumber(digits));
    }

    private static boolean isSeparator(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '-' || c == '.' || c == '(' || c == ')'
                || c == '/' || c == '\u2010' || c == '\u2011' || c == '\u2013';
    }
}
