package com.emailengine.core.contact;

/** An address that cannot be mailed, with a stable reason code such as {@code quoted_local_part}. */
public final class InvalidEmailAddressException extends IllegalArgumentException {

    private final String reason;

    public InvalidEmailAddressException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
