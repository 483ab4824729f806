package com.emailengine.fleet.signing;

import com.emailengine.core.tenant.Tenant;

/** DKIM-signs a composed message with the tenant's keys. Implementations are thread-safe. */
@FunctionalInterface
public interface MessageSigner {

    /** @param message RFC 5322 bytes with CRLF line ends; returns them with DKIM-Signature header(s) prepended */
    byte[] sign(Tenant tenant, byte[] message);
}
