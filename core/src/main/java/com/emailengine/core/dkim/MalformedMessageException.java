package com.emailengine.core.dkim;

/**
 * The bytes handed to the signer or verifier are not an RFC 5322 message with CRLF line ends:
 * a bare LF or CR, a header line without a colon, or (for signing) no From field. Signing such
 * a message would produce a signature that breaks as soon as an MTA repairs the line ends.
 */
public final class MalformedMessageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
