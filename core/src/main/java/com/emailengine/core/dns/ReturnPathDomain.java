package com.emailengine.core.dns;

import com.emailengine.core.names.DomainName;
import java.util.Objects;

/**
 * The envelope (MAIL FROM / Return-Path) domain bounces go to, and the host that receives them.
 *
 * @param domain     e.g. {@code bounce.example.com}
 * @param mxHost     e.g. {@code mx.bounces.email-engine.net}
 * @param preference the MX preference value (RFC 5321 §5.1)
 */
public record ReturnPathDomain(DomainName domain, DomainName mxHost, int preference) {

    public ReturnPathDomain {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(mxHost, "mxHost");
        if (preference < 0 || preference > 65535) {
            throw new IllegalArgumentException("MX preference must be 0-65535, got " + preference);
        }
    }

    public static ReturnPathDomain of(String domain, String mxHost) {
        return new ReturnPathDomain(DomainName.of(domain), DomainName.of(mxHost), 10);
    }
}
