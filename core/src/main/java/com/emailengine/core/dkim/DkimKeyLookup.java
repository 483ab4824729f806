package com.emailengine.core.dkim;

import java.util.Optional;

/**
 * Finds the DKIM key record of a selector: the port through which the verifier reaches DNS.
 *
 * <p>Contract: implementations must be safe for concurrent use. Return the text of the TXT
 * record at {@code <selector>._domainkey.<domain>}, its character-strings concatenated with
 * nothing between them (RFC 6376 §3.6.2.2); if several TXT records exist there, return the one
 * that parses as a key record (normally the one starting {@code v=DKIM1}). Return empty when the
 * name or the record does not exist (NXDOMAIN, NODATA). Throw an unchecked exception for a
 * temporary failure (timeout, SERVFAIL): the verifier reports it as
 * {@link DkimVerdict#KEY_UNAVAILABLE}, not as a missing key. Caching is the implementation's
 * business.
 */
@FunctionalInterface
public interface DkimKeyLookup {

    Optional<String> txt(String selector, String domain);
}
