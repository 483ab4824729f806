package com.emailengine.core.dns;

import java.util.Objects;

/**
 * One resource record as an operator publishes it: owner name, type, TTL and the value in
 * zone-file presentation form (for TXT, the text without quotes; long values are split into
 * 255-octet strings only when written to the wire).
 */
public record DnsRecord(String name, Type type, long ttlSeconds, String value) {

    public enum Type { A, AAAA, MX, TXT, CNAME, PTR, NS }

    public DnsRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (ttlSeconds < 0) {
            throw new IllegalArgumentException("ttl must not be negative: " + ttlSeconds);
        }
        name = name.toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".")) {
            name = name + ".";
        }
    }

    /**
     * Zone-file line, e.g. {@code ee1._domainkey.example.com. 3600 IN TXT "v=DKIM1; ..." "..."}; a TXT
     * value longer than 255 octets is written as several character-strings, as RFC 1035 requires.
     */
    public String zoneFileLine() {
        return TxtCharacterStrings.zoneFileLine(this);
    }
}
