package com.emailengine.core.validation;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * The domain of an email address as senders accept it (for DNS records we publish, see
 * {@link com.emailengine.core.dns.DomainName}, which takes A-labels only). Host-name rules: LDH labels of 1-63 octets, 253 octets in all,
 * at least two labels, and a top-level label that is not numeric (RFC 1123 §2.1, RFC 3696 §2).
 * Internationalized names are converted with IDNA (the JDK implements IDNA 2003).
 */
public final class MailDomain {

    private MailDomain() {
    }

    public static boolean isValid(String domain) {
        return problem(domain).isEmpty();
    }

    /** The ASCII (A-label) form, lower-cased, or empty when the name cannot be converted. */
    public static Optional<String> toAscii(String domain) {
        try {
            String ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            return ascii.isEmpty() ? Optional.empty() : Optional.of(ascii);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Why the name is not acceptable, as a reason code, or empty when it is. */
    public static Optional<String> problem(String domain) {
        if (domain == null || domain.isEmpty()) {
            return Optional.of("empty_domain");
        }
        if (domain.startsWith("[")) {
            return Optional.of("ip_literal_domain");
        }
        String trimmed = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        Optional<String> ascii = toAscii(trimmed);
        if (ascii.isEmpty()) {
            return Optional.of("invalid_domain");
        }
        String name = ascii.get();
        if (name.length() > 253) {
            return Optional.of("domain_too_long");
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.of("single_label_domain");
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return Optional.of("invalid_domain");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ldh = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                if (!ldh) {
                    return Optional.of("invalid_domain");
                }
            }
        }
        String tld = labels[labels.length - 1];
        if (tld.chars().allMatch(Character::isDigit)) {
            return Optional.of("numeric_tld");
        }
        return Optional.empty();
    }
}
