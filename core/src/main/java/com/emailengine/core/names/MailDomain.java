package com.emailengine.core.names;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The domain of an email address as senders accept it (for DNS records we publish, see
 * {@link com.emailengine.core.names.DomainName}, which takes A-labels only). Host-name rules: LDH labels of 1-63 octets,
 * 253 octets in all, at least two labels, and a top-level label that is not numeric (RFC 1123 §2.1, RFC 3696 §2).
 *
 * <p>Internationalized names follow IDNA 2008 (RFC 5890-5893) as mail software applies it today, with the UTS #46
 * non-transitional mapping in front: the name is NFKC-normalized and lower-cased, ideographic full stops separate
 * labels, and each non-ASCII label must then consist of lower-case or other letters, combining marks and decimal
 * digits (the bulk of RFC 5892's PVALID; symbols, punctuation, spaces and joiners are refused), must not start with a
 * combining mark and, when it holds right-to-left letters, must hold no left-to-right ones (a simplification of the
 * Bidi rule of RFC 5893). {@code xn--} labels must decode to such a label and encode back to themselves. The JDK's
 * {@link java.net.IDN} is not used: it implements IDNA 2003, which maps {@code ß} to {@code ss}.
 *
 * <p>Stateless and thread-safe; ASCII names (nearly all) take a path without normalization or allocation beyond
 * the lower-cased result.
 */
public final class MailDomain {

    static final int MAX_NAME_OCTETS = 253;
    static final int MAX_LABEL_OCTETS = 63;
    private static final String ACE_PREFIX = "xn--";

    private MailDomain() {
    }

    /** The outcome of {@link #check}: the display form (mapped, lower-cased) and A-label form, or else a problem code. */
    public record Checked(String unicode, String ascii, String problem) {

        public boolean valid() {
            return problem == null;
        }

        static Checked problem(String code) {
            return new Checked(null, null, code);
        }
    }

    public static boolean isValid(String domain) {
        return check(domain).valid();
    }

    /** The ASCII (A-label) form, lower-cased, or empty when the name is not acceptable. */
    public static Optional<String> toAscii(String domain) {
        return Optional.ofNullable(check(domain).ascii());
    }

    /** Why the name is not acceptable, as a reason code, or empty when it is. */
    public static Optional<String> problem(String domain) {
        return Optional.ofNullable(check(domain).problem());
    }

    /**
     * Checks and converts a domain; a single trailing dot (the root) is allowed. Reason codes: {@code empty_domain},
     * {@code ip_literal_domain}, {@code invalid_domain}, {@code invalid_idn}, {@code domain_too_long},
     * {@code single_label_domain}, {@code numeric_tld}.
     */
    public static Checked check(String domain) {
        if (domain == null || domain.isEmpty()) {
            return Checked.problem("empty_domain");
        }
        if (domain.charAt(0) == '[') {
            return Checked.problem("ip_literal_domain");
        }
        String name = domain.charAt(domain.length() - 1) == '.' ? domain.substring(0, domain.length() - 1) : domain;
        if (name.isEmpty()) {
            return Checked.problem("empty_domain");
        }
        boolean ascii = true;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        return ascii ? checkAscii(name.toLowerCase(Locale.ROOT)) : checkUnicode(name);
    }

    private static Checked checkAscii(String name) {
        String problem = asciiLabelsProblem(name);
        return problem != null ? Checked.problem(problem) : new Checked(name, name, null);
    }

    /** Checks an all-ASCII, lower-cased name label by label, including its {@code xn--} labels. */
    private static String asciiLabelsProblem(String name) {
        if (name.length() > MAX_NAME_OCTETS) {
            return "domain_too_long";
        }
        int labels = 0;
        int start = 0;
        boolean lastNumeric = false;
        while (true) {
            int dot = name.indexOf('.', start);
            int end = dot < 0 ? name.length() : dot;
            int length = end - start;
            if (length == 0 || length > MAX_LABEL_OCTETS || name.charAt(start) == '-' || name.charAt(end - 1) == '-') {
                return "invalid_domain";
            }
            boolean numeric = true;
            for (int i = start; i < end; i++) {
                char c = name.charAt(i);
                boolean digit = c >= '0' && c <= '9';
                if (!digit && !(c >= 'a' && c <= 'z') && c != '-') {
                    return "invalid_domain";
                }
                numeric &= digit;
            }
            if (length >= 4 && name.charAt(start + 2) == '-' && name.charAt(start + 3) == '-') {
                // Hyphens in the third and fourth position mark an encoded label (RFC 5891 §4.2.3.1).
                if (!name.startsWith(ACE_PREFIX, start) || !validALabel(name.substring(start, end))) {
                    return "invalid_idn";
                }
            }
            labels++;
            lastNumeric = numeric;
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        if (labels < 2) {
            return "single_label_domain";
        }
        if (lastNumeric) {
            return "numeric_tld";
        }
        return null;
    }

    private static boolean validALabel(String label) {
        Optional<String> decoded = Punycode.decode(label.substring(ACE_PREFIX.length()));
        if (decoded.isEmpty() || decoded.get().isEmpty() || decoded.get().chars().allMatch(c -> c < 0x80)) {
            return false;
        }
        String uLabel = decoded.get();
        if (!uLabel.equals(Normalizer.normalize(uLabel, Normalizer.Form.NFC)) || !uLabel.equals(uLabel.toLowerCase(Locale.ROOT))) {
            return false;
        }
        return uLabelProblem(uLabel) == null
                && Punycode.encode(uLabel).map(encoded -> (ACE_PREFIX + encoded).equals(label)).orElse(false);
    }

    private static Checked checkUnicode(String raw) {
        // UTS #46 mapping, approximated by NFKC and lower case: full-width letters become ASCII, ẞ becomes ß.
        String mapped = Normalizer.normalize(raw, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        mapped = Normalizer.normalize(mapped, Normalizer.Form.NFC)
                .replace('\u3002', '.').replace('\uFF0E', '.').replace('\uFF61', '.');
        if (mapped.endsWith(".")) {
            mapped = mapped.substring(0, mapped.length() - 1);
        }
        StringBuilder ascii = new StringBuilder(mapped.length() + 16);
        int start = 0;
        while (true) {
            int dot = mapped.indexOf('.', start);
            int end = dot < 0 ? mapped.length() : dot;
            String label = mapped.substring(start, end);
            if (label.chars().allMatch(c -> c < 0x80)) {
                ascii.append(label);
            } else {
                String problem = uLabelProblem(label);
                if (problem != null) {
                    return Checked.problem(problem);
                }
                Optional<String> encoded = Punycode.encode(label);
                if (encoded.isEmpty()) {
                    return Checked.problem("invalid_idn");
                }
                ascii.append(ACE_PREFIX).append(encoded.get());
            }
            if (dot < 0) {
                break;
            }
            ascii.append('.');
            start = dot + 1;
        }
        String asciiName = ascii.toString();
        String problem = asciiLabelsProblem(asciiName);
        return problem != null ? Checked.problem(problem) : new Checked(mapped, asciiName, null);
    }

    /**
     * The two CONTEXTO punctuation marks real names use (RFC 5892 Appendix A.3 and A.9): the Catalan middle dot
     * between two {@code l} ({@code col·legi.cat}) and the katakana middle dot in a Japanese label.
     */
    private static boolean allowedInContext(String label, int at, int c) {
        if (c == 0x00B7) {
            return at > 0 && label.charAt(at - 1) == 'l' && at + 1 < label.length() && label.charAt(at + 1) == 'l';
        }
        if (c == 0x30FB) {
            return label.codePoints().anyMatch(p -> {
                Character.UnicodeScript script = Character.UnicodeScript.of(p);
                return script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
                        || script == Character.UnicodeScript.HAN;
            });
        }
        return false;
    }

    /** Why a label with non-ASCII characters is not a U-label we accept, or null. */
    private static String uLabelProblem(String label) {
        if (label.isEmpty()) {
            return "invalid_domain";
        }
        if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
            return "invalid_domain";
        }
        if (label.length() >= 4 && label.charAt(2) == '-' && label.charAt(3) == '-') {
            return "invalid_idn";
        }
        boolean rightToLeft = false;
        boolean leftToRight = false;
        int first = label.codePointAt(0);
        int firstType = Character.getType(first);
        if (firstType == Character.NON_SPACING_MARK || firstType == Character.COMBINING_SPACING_MARK
                || firstType == Character.ENCLOSING_MARK) {
            return "invalid_idn";
        }
        for (int i = 0; i < label.length(); ) {
            int c = label.codePointAt(i);
            i += Character.charCount(c);
            if (c < 0x80) {
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                    return c >= 'A' && c <= 'Z' ? "invalid_idn" : "invalid_domain";
                }
                leftToRight |= c >= 'a' && c <= 'z';
                continue;
            }
            switch (Character.getType(c)) {
                case Character.LOWERCASE_LETTER, Character.OTHER_LETTER, Character.MODIFIER_LETTER,
                     Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER -> {
                }
                default -> {
                    if (!allowedInContext(label, i - Character.charCount(c), c)) {
                        return "invalid_idn";
                    }
                }
            }
            byte direction = Character.getDirectionality(c);
            rightToLeft |= direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                    || direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
            leftToRight |= direction == Character.DIRECTIONALITY_LEFT_TO_RIGHT;
        }
        if (rightToLeft && leftToRight) {
            return "invalid_idn";
        }
        return null;
    }
}
