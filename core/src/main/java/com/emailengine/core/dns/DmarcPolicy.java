package com.emailengine.core.dns;

import com.emailengine.core.names.DomainName;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The DMARC policy (RFC 7489) a sending domain publishes at {@code _dmarc.<domain>}.
 *
 * @param disposition   what receivers do with failing mail ({@code p=})
 * @param reportAddress where aggregate reports go ({@code rua=mailto:...}), if anywhere; a
 *                      mailbox outside the sending domain must also authorise the domain with
 *                      a {@code <domain>._report._dmarc.<mailbox domain>} record (RFC 7489 §7.1)
 * @param percent       share of failing mail the disposition applies to ({@code pct=}, 0–100)
 * @param dkimAlignment {@code adkim=}
 * @param spfAlignment  {@code aspf=}
 */
public record DmarcPolicy(Disposition disposition, Optional<String> reportAddress, int percent,
                          Alignment dkimAlignment, Alignment spfAlignment) {

    public enum Disposition { NONE, QUARANTINE, REJECT }

    public enum Alignment {
        RELAXED("r"), STRICT("s");

        private final String tag;

        Alignment(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    public DmarcPolicy {
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(reportAddress, "reportAddress");
        Objects.requireNonNull(dkimAlignment, "dkimAlignment");
        Objects.requireNonNull(spfAlignment, "spfAlignment");
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("DMARC pct must be between 0 and 100, got " + percent);
        }
        reportAddress = reportAddress.map(DmarcPolicy::validMailbox);
    }

    /** {@code p=<disposition>}, reports to {@code rua}, 100 %, relaxed alignment. */
    public static DmarcPolicy of(Disposition disposition, String rua) {
        return new DmarcPolicy(disposition, Optional.of(rua), 100, Alignment.RELAXED, Alignment.RELAXED);
    }

    /**
     * The record text: {@code v} and {@code p} first as RFC 7489 §6.3 requires, then
     * {@code pct}, {@code adkim} and {@code aspf} only where they differ from the defaults, then
     * {@code rua}.
     */
    public String txtValue() {
        StringBuilder sb = new StringBuilder("v=DMARC1; p=").append(disposition.name().toLowerCase(Locale.ROOT));
        if (percent != 100) {
            sb.append("; pct=").append(percent);
        }
        if (dkimAlignment == Alignment.STRICT) {
            sb.append("; adkim=s");
        }
        if (spfAlignment == Alignment.STRICT) {
            sb.append("; aspf=s");
        }
        reportAddress.ifPresent(a -> sb.append("; rua=mailto:").append(a));
        return sb.toString();
    }

    private static String validMailbox(String address) {
        String a = address.strip();
        if (a.regionMatches(true, 0, "mailto:", 0, 7)) {
            a = a.substring(7);
        }
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1) {
            throw new IllegalArgumentException("DMARC rua must be a mailbox such as dmarc@example.com, got '" + address + "'");
        }
        String local = a.substring(0, at);
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            // '!' and ',' are separators in a DMARC URI list (RFC 7489 §6.4); ';' ends the tag.
            if (c <= ' ' || c > '~' || c == ';' || c == ',' || c == '!' || c == '"' || c == '<' || c == '>') {
                throw new IllegalArgumentException("DMARC rua mailbox '" + address + "' has a character not allowed in a report URI");
            }
        }
        DomainName domain = DomainName.of(a.substring(at + 1));
        return local + "@" + domain.value();
    }
}
