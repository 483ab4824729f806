package com.emailengine.fleet;

import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message Angus sends as the exact bytes it was signed as: {@code writeTo} writes them unchanged (so the
 * DKIM signatures stay valid), without parsing them back into a MIME tree first (which costs a header parse
 * and, in jakarta.mail 2.1, a service lookup per message). The envelope sender is set per message.
 */
final class SignedMessage extends SMTPMessage {

    private final byte[] bytes;

    SignedMessage(Session session, byte[] bytes, String envelopeFrom) {
        super(session);
        this.bytes = bytes;
        setEnvelopeFrom(envelopeFrom);
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
        out.write(bytes);
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    @Override
    public int getSize() {
        return bytes.length;
    }
}
