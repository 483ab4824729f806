package com.emailengine.emulators.internet;

import com.emailengine.core.smtp.SmtpReply;
import com.emailengine.platform.smtp.SmtpConnection;
import com.emailengine.platform.smtp.SmtpEnvelope;
import com.emailengine.platform.smtp.SmtpHandler;
import com.emailengine.platform.smtp.SmtpMessage;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * A sink's side of the SMTP dialogue: its swappable {@link SinkBehaviour} at each policy point, its mailbox for what
 * is accepted, and STARTTLS when a certificate is offered. Both may be swapped while sessions run (volatile reads:
 * each session's next step sees the new one), which is all the state it has; the behaviour keeps its own contract.
 */
final class SinkHandler implements SmtpHandler {

    private final String sinkName;
    private final SinkMailbox mailbox;
    private volatile SinkBehaviour behaviour = SinkBehaviour.acceptAll();
    private volatile Optional<SSLContext> startTls = Optional.empty();

    SinkHandler(String sinkName, SinkMailbox mailbox) {
        this.sinkName = sinkName;
        this.mailbox = mailbox;
    }

    SinkBehaviour behaviour() {
        return behaviour;
    }

    void use(SinkBehaviour next) {
        behaviour = Objects.requireNonNull(next, "behaviour");
    }

    void offerStartTls(Optional<SSLContext> context) {
        startTls = Objects.requireNonNull(context, "context");
    }

    @Override
    public Optional<SSLContext> startTls() {
        return startTls;
    }

    @Override
    public Optional<SmtpReply> onConnect(SmtpConnection connection) {
        return behaviour.onConnect(asSink(connection));
    }

    @Override
    public Optional<SmtpReply> onMailFrom(SmtpConnection connection, String sender) {
        return behaviour.onMailFrom(asSink(connection), sender);
    }

    @Override
    public Optional<SmtpReply> onRecipient(SmtpConnection connection, String sender, String recipient) {
        return behaviour.onRecipient(asSink(connection), sender, recipient);
    }

    @Override
    public Optional<SmtpReply> onEndOfData(SmtpConnection connection, SmtpEnvelope envelope, byte[] content) {
        return behaviour.onEndOfData(asSink(connection), envelope, content);
    }

    @Override
    public SmtpReply deliver(SmtpMessage message) {
        try {
            return SmtpReply.of(250, "2.0.0 ok: queued as " + mailbox.store(message).id());
        } catch (IOException diskTrouble) {
            // The mail folder failed, not the connection: tell the client to retry, as a provider would.
            return SmtpReply.of(451, "4.3.0 cannot store the message: " + diskTrouble.getMessage());
        }
    }

    private SinkConnection asSink(SmtpConnection connection) {
        return new SinkConnection(sinkName, connection.client(), connection.number(), connection.heloName());
    }
}
