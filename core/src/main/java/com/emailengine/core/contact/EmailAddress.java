package com.emailengine.core.contact;

import com.emailengine.core.names.MailDomain;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * A syntactically mailable address under the restrictions senders use in practice: a dot-atom local
 * part (RFC 5322 §3.4.1; quoted strings and comments refused), UTF-8 allowed in the local part
 * (RFC 6531, which then requires SMTPUTF8; normalized to NFC as RFC 6532 §3.1 asks), and a host-name
 * domain (no IP literal; internationalized names per {@link MailDomain}).
 *
 * <p>Reason codes of {@link InvalidEmailAddressException}: {@code empty}, {@code quoted_local_part},
 * {@code comment}, {@code missing_at}, {@code multiple_at}, {@code empty_local_part},
 * {@code local_part_too_long}, {@code invalid_local_part}, {@code too_long}, and the domain codes of
 * {@link MailDomain#check}.
 *
 * @param value           the address as it will be used: local part as given, domain lower-cased (Unicode form)
 * @param asciiDomain     the domain in A-label form, for DNS and SMTP
 * @param needsSmtpUtf8   true when the local part is not ASCII
 */
public record EmailAddress(String value, String localPart, String domain, String asciiDomain, boolean needsSmtpUtf8) {

    /** RFC 5321 §4.5.3.1.1. */
    private static final int MAX_LOCAL_OCTETS = 64;
    /** RFC 5321 §4.5.3.1.3: a path of 256 octets less its angle brackets. */
    private static final int MAX_ADDRESS_OCTETS = 254;

    public static EmailAddress parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidEmailAddressException("empty", "the address is empty");
        }
        String text = raw.strip();
        if (text.charAt(0) == '"' || text.contains("\"@")) {
            throw new InvalidEmailAddressException("quoted_local_part", "quoted local parts are not accepted");
        }
        int at = -1;
        int ats = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == ')') {
                throw new InvalidEmailAddressException("comment", "comments are not accepted in an address");
            }
            if (c == '@') {
                at = i;
                ats++;
            }
        }
        if (at < 0) {
            throw new InvalidEmailAddressException("missing_at", "the address has no @");
        }
        if (ats > 1) {
            throw new InvalidEmailAddressException("multiple_at", "the address has more than one @");
        }
        String local = text.substring(0, at);
        String domain = text.substring(at + 1);
        boolean utf8 = checkLocalPart(local);
        if (utf8) {
            local = Normalizer.normalize(local, Normalizer.Form.NFC);
        }
        MailDomain.Checked checked = MailDomain.check(domain);
        if (!checked.valid()) {
            String reason = checked.problem();
            throw new InvalidEmailAddressException(reason, reason.equals("ip_literal_domain")
                    ? "IP-literal domains are not accepted"
                    : "the domain '" + domain + "' is not valid (" + reason + ")");
        }
        int localOctets = utf8 ? local.getBytes(StandardCharsets.UTF_8).length : local.length();
        if (localOctets + 1 + checked.ascii().length() > MAX_ADDRESS_OCTETS) {
            throw new InvalidEmailAddressException("too_long", "the address is longer than " + MAX_ADDRESS_OCTETS + " octets");
        }
        return new EmailAddress(local + "@" + checked.unicode(), local, checked.unicode(), checked.ascii(), utf8);
    }

    /** @return true when the local part needs SMTPUTF8 */
    private static boolean checkLocalPart(String local) {
        if (local.isEmpty()) {
            throw new InvalidEmailAddressException("empty_local_part", "the part before @ is empty");
        }
        if (local.charAt(0) == '.' || local.charAt(local.length() - 1) == '.') {
            throw new InvalidEmailAddressException("invalid_local_part", "dots must separate characters in the part before @");
        }
        boolean utf8 = false;
        char previous = 0;
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c >= 0x80) {
                if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)
                        || Character.isSurrogate(c) && !validSurrogate(local, i)) {
                    throw new InvalidEmailAddressException("invalid_local_part", "the part before @ holds a character that is not allowed");
                }
                utf8 = true;
            } else if (c == '.') {
                if (previous == '.') {
                    throw new InvalidEmailAddressException("invalid_local_part", "dots must separate characters in the part before @");
                }
            } else if (!isAtext(c)) {
                throw new InvalidEmailAddressException("invalid_local_part",
                        "the part before @ holds '" + c + "', which is not allowed unquoted");
            }
            previous = c;
        }
        int octets = utf8 ? local.getBytes(StandardCharsets.UTF_8).length : local.length();
        if (octets > MAX_LOCAL_OCTETS) {
            throw new InvalidEmailAddressException("local_part_too_long", "the part before @ is longer than 64 octets");
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
