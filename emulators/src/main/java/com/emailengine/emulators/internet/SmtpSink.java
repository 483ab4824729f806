package com.emailengine.emulators.internet;

import com.emailengine.platform.smtp.SmtpCounters;
import com.emailengine.platform.smtp.SmtpServer;
import com.emailengine.platform.smtp.SmtpServerSettings;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * An SMTP server standing for one mailbox provider: it listens on its own address, speaks
 * ESMTP to any number of concurrent clients (platform's {@link SmtpServer}, a virtual thread each),
 * lets a swappable {@link SinkBehaviour} decide its replies, and keeps every accepted message as a
 * {@link ReceivedMail} in memory and, with a mail folder, as an {@code .eml} file.
 *
 * <p>Thread safety: all methods may be called from any thread while the sink serves clients.
 * {@link #useBehaviour} takes effect for the next step of every session.
 */
public final class SmtpSink implements AutoCloseable {

    private final SmtpSinkSettings settings;
    private final SinkMailbox mailbox;
    private final SinkHandler handler;
    private final SmtpServer server;

    private SmtpSink(SmtpSinkSettings settings, SinkMailbox mailbox, SinkHandler handler, SmtpServer server) {
        this.settings = settings;
        this.mailbox = mailbox;
        this.handler = handler;
        this.server = server;
    }

    /**
     * Creates the mail folder if there is one, binds and starts accepting connections.
     *
     * @throws BindException naming the address when it cannot be bound
     */
    public static SmtpSink start(SmtpSinkSettings settings) throws IOException {
        Optional<MailFolder> folder = settings.mailFolder().isPresent()
                ? Optional.of(new MailFolder(settings.mailFolder().get()))
                : Optional.empty();
        SinkMailbox mailbox = new SinkMailbox(settings.name(), settings.hostName(), folder);
        SinkHandler handler = new SinkHandler(settings.name(), mailbox);
        SmtpServer server;
        try {
            server = SmtpServer.start(new SmtpServerSettings("smtp-sink-" + settings.name(), settings.bindAddress(),
                    settings.hostName(), "ESMTP Email-Engine local sink '" + settings.name() + "' ready",
                    settings.maxMessageSize(), settings.commandTimeout()), handler);
        } catch (IOException e) {
            BindException failure = new BindException("sink '" + settings.name() + "' cannot bind "
                    + settings.bindAddress() + ": " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
        return new SmtpSink(settings, mailbox, handler, server);
    }

    public String name() {
        return settings.name();
    }

    public SmtpSinkSettings settings() {
        return settings;
    }

    /** The address and port the sink listens on. */
    public InetSocketAddress address() {
        return server.address();
    }

    public Optional<Path> mailFolder() {
        return mailbox.folder();
    }

    public SinkBehaviour behaviour() {
        return handler.behaviour();
    }

    /** Replaces the behaviour; sessions already running use it from their next step on. */
    public void useBehaviour(SinkBehaviour next) {
        handler.use(next);
    }

    /** Offers STARTTLS (RFC 3207) from the next EHLO on, with this server certificate; empty stops offering it. */
    public void offerStartTls(Optional<SSLContext> context) {
        handler.offerStartTls(context);
    }

    public Optional<SSLContext> startTls() {
        return handler.startTls();
    }

    /** Sessions that completed a STARTTLS handshake. */
    public long tlsSessions() {
        return server.counters().tlsSessions();
    }

    /** Every message accepted so far, in order of arrival. */
    public List<ReceivedMail> received() {
        return mailbox.received();
    }

    /**
     * Waits until at least {@code count} messages have arrived in total and returns them all.
     *
     * @throws IllegalStateException when they did not arrive within {@code timeout}, saying how many did
     */
    public List<ReceivedMail> awaitReceived(int count, Duration timeout) throws InterruptedException {
        return mailbox.awaitReceived(count, timeout);
    }

    /** Forgets the messages kept in memory (files stay); counters keep counting. */
    public void clearReceived() {
        mailbox.clear();
    }

    public SinkCounters counters() {
        SmtpCounters counted = server.counters();
        return new SinkCounters(counted.connections(), counted.connectionsRefused(), counted.messagesAccepted(),
                counted.messagesRejected(), counted.recipientsAccepted(), counted.recipientsRejected());
    }

    /** Stops listening and drops every open connection; a message in flight is not stored. */
    @Override
    public void close() {
        server.close();
    }
}
