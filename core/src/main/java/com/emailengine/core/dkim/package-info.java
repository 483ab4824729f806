/**
 * DKIM (RFC 6376) with {@code rsa-sha256} and {@code ed25519-sha256} (RFC 8463): signing on the
 * sender fleet's hot path, verification for DNS-authentication checks.
 *
 * <ul>
 *   <li>{@link com.emailengine.core.dkim.DkimKey}: a domain's signing key and its DNS record;
 *       {@link com.emailengine.core.dkim.DkimKeyFiles} keeps keys as annotated PEM text.</li>
 *   <li>{@link com.emailengine.core.dkim.DkimSigner}: prepends one DKIM-Signature per key,
 *       {@code c=relaxed/relaxed}, header selection per
 *       {@link com.emailengine.core.dkim.DkimSigningPolicy} (which documents the rules for
 *       repeated and over-signed fields).</li>
 *   <li>{@link com.emailengine.core.dkim.DkimVerifier}: checks every signature with keys from a
 *       {@link com.emailengine.core.dkim.DkimKeyLookup} and reports a
 *       {@link com.emailengine.core.dkim.DkimVerdict} per signature.</li>
 *   <li>{@link com.emailengine.core.dkim.DkimCanonicalization}: simple and relaxed, header and
 *       body. Relaxed leaves an empty body empty (RFC 6376 §3.4.4); simple makes it one CRLF.</li>
 * </ul>
 *
 * <p>Messages are raw RFC 5322 bytes with CRLF line ends, worked on in place by offset: no
 * regular expressions, no copies of the message. A bare LF or CR is refused
 * ({@link com.emailengine.core.dkim.MalformedMessageException}) rather than signed, because any
 * MTA on the way repairs it and so breaks the signature. Note that jakarta.mail writes a 7bit
 * or 8bit text part with the line ends it was given: build text with CRLF, or let it choose
 * quoted-printable, before signing.
 *
 * <p>Signing cost is that of the JDK's RSA and Ed25519 primitives; everything else is noise.
 * This package imports no AWS class and does no I/O except in {@code DkimKeyFiles}.
 */
package com.emailengine.core.dkim;
