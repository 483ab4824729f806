package com.emailengine.core.campaign.timing;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which country, and for NANP area codes which zone, an international number belongs to: the longest prefix of its
 * digits in {@code calling-codes.tsv} beside this class (generated from libphonenumber's metadata; its header says
 * what is split and what is not). A bare {@code +1} matches nothing on purpose: without a known area code a NANP
 * number may be anywhere from Hawaii to Newfoundland, and the next clue knows better. Immutable, thread-safe.
 */
public final class CallingCodes {

    /**
     * One prefix of the table.
     *
     * @param zone present where the prefix pins a zone (NANP area codes and exchanges); otherwise the country's
     *             representative zone applies
     */
    public record CallingCode(String prefix, String country, Optional<ZoneId> zone) {
    }

    private final Map<String, CallingCode> byPrefix;
    private final int longestPrefix;

    public CallingCodes(Map<String, CallingCode> byPrefix) {
        this.byPrefix = Map.copyOf(byPrefix);
        this.longestPrefix = byPrefix.keySet().stream().mapToInt(String::length).max().orElse(0);
    }

    public static CallingCodes shipped() {
        return Shipped.INSTANCE;
    }

    private static final class Shipped {
        static final CallingCodes INSTANCE = parse(DataFile.resource("calling-codes.tsv"));
    }

    static CallingCodes parse(DataFile file) {
        Map<String, CallingCode> codes = new HashMap<>();
        for (DataFile.Row row : file.rows()) {
            String prefix = row.column(0);
            String country = row.column(1);
            if (!prefix.matches("[1-9][0-9]{0,7}")) {
                throw row.error("'" + prefix + "' is not a calling-code prefix (digits, no leading 0)");
            }
            if (!country.matches("[A-Z]{2}")) {
                throw row.error("'" + country + "' is not an ISO 3166-1 alpha-2 code");
            }
            if (codes.put(prefix, new CallingCode(prefix, country, zone(row))) != null) {
                throw row.error(prefix + " is listed twice");
            }
        }
        return new CallingCodes(codes);
    }

    /** The entry of the longest prefix of the number's digits, if any. */
    public Optional<CallingCode> of(InternationalNumber number) {
        String digits = number.digits();
        for (int length = Math.min(longestPrefix, digits.length()); length > 0; length--) {
            CallingCode code = byPrefix.get(digits.substring(0, length));
            if (code != null) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }

    public Map<String, CallingCode> entries() {
        return byPrefix;
    }

    private static Optional<ZoneId> zone(DataFile.Row row) {
        String zone = row.column(2);
        if (zone.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(zone));
        } catch (DateTimeException e) {
            throw row.error("'" + zone + "' is not a time zone of this JVM: " + e.getMessage());
        }
    }
}
