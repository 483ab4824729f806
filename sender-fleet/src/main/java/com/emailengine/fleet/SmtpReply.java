package com.emailengine.fleet;

/**
 * The outcome of handing one message to a receiving server.
 *
 * @param code     the SMTP reply code (250, 421, 550 …), or 0 when no server answered
 * @param text     the reply line as the server wrote it, or the local reason (connection refused …)
 * @param mxHost   the host that answered, or the last one tried
 */
public record SmtpReply(int code, String text, String mxHost) {

    public boolean accepted() {
        return code >= 200 && code < 300;
    }

    public boolean permanentFailure() {
        return code >= 500 && code < 600;
    }
}
