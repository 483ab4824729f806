package com.emailengine.core.contact;

import com.emailengine.core.validation.MailDomain;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A syntactically mailable address under the restrictions senders use in practice: a dot-atom local
 * part (RFC 5322 §3.4.1; quoted strings and comments refused), UTF-8 allowed in the local part
 * (RFC 6531, which then requires SMTPUTF8), and a host-name domain (no IP literal).
 *
 * @param value           the address as it will be used: local part as given, domain lower-cased (Unicode form)
 * @param asciiDomain     the domain in A-label form, for DNS and SMTP
 * @param needsSmtpUtf8   true when the local part is not ASCII
 */
public record EmailAddress(String value, String localPart, String domain, String asciiDomain, boolean needsSmtpUtf8) {

    private static final int MAX_LOCAL_OCTETS = 64;
    private static final int MAX_ADDRESS_OCTETS = 254;

    public static EmailAddress parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidEmailAddressException("empty", "the address is empty");
        }
        String text = raw.strip();
        if (text.startsWith("\"") || text.contains("\"@")) {
            throw new InvalidEmailAddressException("quoted_local_part", "quoted local parts are not accepted");
        }
        if (text.indexOf('(') >= 0 || text.indexOf(')') >= 0) {
            throw new InvalidEmailAddressException("comment", "comments are not accepted in an address");
        }
        int at = text.lastIndexOf('@');
        if (at < 0) {
            throw new InvalidEmailAddressException("missing_at", "the address has no @");
        }
        if (text.indexOf('@') != at) {
            throw new InvalidEmailAddressException("multiple_at", "the address has more than one @");
        }
        String local = text.substring(0, at);
        String domain = text.substring(at + 1);
        boolean utf8 = checkLocalPart(local);
        if (domain.startsWith("[")) {
            throw new InvalidEmailAddressException("ip_literal_domain", "IP-literal domains are not accepted");
        }
        String unicodeDomain = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        MailDomain.problem(unicodeDomain).ifPresent(reason -> {
            throw new InvalidEmailAddressException(reason, "the domain '" + domain + "' is not valid (" + reason + ")");
        });
        String ascii = MailDomain.toAscii(unicodeDomain).orElseThrow();
        String lowerDomain = unicodeDomain.toLowerCase(Locale.ROOT);
        int octets = local.getBytes(StandardCharsets.UTF_8).length + 1 + ascii.length();
        if (octets > MAX_ADDRESS_OCTETS) {
            throw new InvalidEmailAddressException("too_long", "the address is longer than " + MAX_ADDRESS_OCTETS + " octets");
        }
        return new EmailAddress(local + "@" + lowerDomain, local, lowerDomain, ascii, utf8);
    }

    /** @return true when the local part needs SMTPUTF8 */
    private static boolean checkLocalPart(String local) {
        if (local.isEmpty()) {
            throw new InvalidEmailAddressException("empty_local_part", "the part before @ is empty");
        }
        if (local.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL_OCTETS) {
            throw new InvalidEmailAddressException("local_part_too_long", "the part before @ is longer than 64 octets");
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new InvalidEmailAddressException("invalid_local_part", "dots must separate characters in the part before @");
        }
        boolean utf8 = false;
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c >= 0x80) {
                if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSurrogate(c) && !validSurrogate(local, i)) {
                    throw new InvalidEmailAddressException("invalid_local_part", "the part before @ holds a character that is not allowed");
                }
                utf8 = true;
            } else if (!isAtext(c) && c != '.') {
                throw new InvalidEmailAddressException("invalid_local_part",
                        "the part before @ holds '" + c + "', which is not allowed unquoted");
            }
        }
        return utf8;
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** RFC 5322 atext. */
    private static boolean isAtext(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0;
    }

    /** The address with its domain in A-label form, as written in SMTP envelopes. */
    public String asciiForm() {
        return localPart + "@" + asciiDomain;
    }

    /**
     * The form two addresses are compared in for de-duplication: the whole address lower-cased.
     * Local parts are case-sensitive in theory (RFC 5321 §2.4) but not at any mailbox provider we send to.
     */
    public String dedupeKey() {
        return (localPart + "@" + asciiDomain).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
