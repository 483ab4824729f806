package com.emailengine.core.names;

import java.util.Locale;
import java.util.Objects;

/**
 * A host name as mail authentication uses it: ASCII letters, digits and hyphens in labels of
 * 1–63 octets, at most 253 octets in all, lower-cased, without the trailing dot.
 *
 * <p>Internationalised names must be given in their A-label ({@code xn--}) form: converting them
 * silently would publish records under a name the operator did not type.
 */
public record DomainName(String value) {

    /** Longest name in presentation form without the root dot (RFC 1035 §2.3.4 less the dot). */
    public static final int MAX_LENGTH = 253;
    /** Longest label (RFC 1035 §2.3.4). */
    public static final int MAX_LABEL_LENGTH = 63;

    public DomainName {
        Objects.requireNonNull(value, "domain name");
        String problem = problemWith(value, 2);
        if (problem != null) {
            throw new IllegalArgumentException("invalid domain name '" + value + "': " + problem);
        }
        value = strip(value).toLowerCase(Locale.ROOT);
    }

    /** Parses a name such as {@code example.com} or {@code example.com.}. */
    public static DomainName of(String value) {
        return new DomainName(value);
    }

    /** True when this name equals {@code other} or lies below it. */
    public boolean isAtOrBelow(DomainName other) {
        return value.equals(other.value) || value.endsWith("." + other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    /**
     * Why {@code name} is not a valid sequence of host-name labels, or {@code null} if it is.
     * A trailing dot is allowed; {@code minLabels} is the least number of labels required.
     */
    public static String problemWith(String name, int minLabels) {
        if (name == null || name.isEmpty()) {
            return "empty";
        }
        String s = strip(name);
        if (s.isEmpty()) {
            return "empty";
        }
        if (s.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        int labels = 0;
        int start = 0;
        while (start <= s.length()) {
            int dot = s.indexOf('.', start);
            int end = dot < 0 ? s.length() : dot;
            String label = s.substring(start, end);
            String labelProblem = labelProblem(label);
            if (labelProblem != null) {
                return labelProblem;
            }
            labels++;
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        if (labels < minLabels) {
            return "needs at least " + minLabels + " labels";
        }
        return null;
    }

    private static String labelProblem(String label) {
        if (label.isEmpty()) {
            return "empty label";
        }
        if (label.length() > MAX_LABEL_LENGTH) {
            return "label '" + label + "' longer than " + MAX_LABEL_LENGTH + " characters";
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) {
                return c > 127
                        ? "non-ASCII character; use the A-label (xn--) form"
                        : "character '" + c + "' not allowed in a host name";
            }
        }
        if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
            return "label '" + label + "' starts or ends with a hyphen";
        }
        return null;
    }

    private static String strip(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
