package com.emailengine.emulators.internet;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An SMTP server standing for one mailbox provider: it listens on its own address, speaks
 * ESMTP to any number of concurrent clients (a virtual thread each), lets a swappable
 * {@link SinkBehaviour} decide its replies, and keeps every accepted message as a
 * {@link ReceivedMail} in memory and, with a mail folder, as an {@code .eml} file.
 *
 * <p>Thread safety: all methods may be called from any thread while the sink serves clients.
 * {@link #useBehaviour} takes effect for the next step of every session.
 */
public final class SmtpSink implements AutoCloseable {

    /** File names sort by arrival: UTC time to the microsecond, then a per-sink sequence number. */
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final SmtpSinkSettings settings;
    private final ServerSocket server;
    private final Optional<MailFolder> folder;
    private volatile SinkBehaviour behaviour = SinkBehaviour.acceptAll();
    private volatile Optional<javax.net.ssl.SSLContext> startTls = Optional.empty();
    private final AtomicLong tlsSessions = new AtomicLong();
    private volatile boolean closed;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();

    private final ReentrantLock receivedLock = new ReentrantLock();
    private final Condition arrived = receivedLock.newCondition();
    private final List<ReceivedMail> received = new ArrayList<>();
    private long sequence;
    private Instant lastArrival = Instant.EPOCH;

    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong connectionsRefused = new AtomicLong();
    private final AtomicLong messagesAccepted = new AtomicLong();
    private final AtomicLong messagesRejected = new AtomicLong();
    private final AtomicLong recipientsAccepted = new AtomicLong();
    private final AtomicLong recipientsRejected = new AtomicLong();

    private SmtpSink(SmtpSinkSettings settings, ServerSocket server, Optional<MailFolder> folder) {
        this.settings = settings;
        this.server = server;
        this.folder = folder;
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
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(settings.bindAddress(), 200);
        } catch (IOException e) {
            server.close();
            BindException failure = new BindException("sink '" + settings.name() + "' cannot bind "
                    + settings.bindAddress() + ": " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
        SmtpSink sink = new SmtpSink(settings, server, folder);
        Thread.ofVirtual().name("smtp-sink-" + settings.name() + "-accept").start(sink::accept);
        return sink;
    }

    public String name() {
        return settings.name();
    }

    public SmtpSinkSettings settings() {
        return settings;
    }

    /** The address and port the sink listens on. */
    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    public Optional<Path> mailFolder() {
        return folder.map(MailFolder::path);
    }

    public SinkBehaviour behaviour() {
        return behaviour;
    }

    /** Replaces the behaviour; sessions already running use it from their next step on. */
    public void useBehaviour(SinkBehaviour next) {
        behaviour = Objects.requireNonNull(next, "behaviour");
    }

    /** Offers STARTTLS (RFC 3207) from the next EHLO on, with this server certificate; empty stops offering it. */
    public void offerStartTls(Optional<javax.net.ssl.SSLContext> context) {
        startTls = Objects.requireNonNull(context, "context");
    }

    public Optional<javax.net.ssl.SSLContext> startTls() {
        return startTls;
    }

    /** Sessions that completed a STARTTLS handshake. */
    public long tlsSessions() {
        return tlsSessions.get();
    }

    void countTlsSession() {
        tlsSessions.incrementAndGet();
    }

    /** Every message accepted so far, in order of arrival. */
    public List<ReceivedMail> received() {
        receivedLock.lock();
        try {
            return List.copyOf(received);
        } finally {
            receivedLock.unlock();
        }
    }

    /**
     * Waits until at least {@code count} messages have arrived in total and returns them all.
     *
     * @throws IllegalStateException when they did not arrive within {@code timeout}, saying how many did
     */
    public List<ReceivedMail> awaitReceived(int count, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        receivedLock.lock();
        try {
            while (received.size() < count) {
                if (nanos <= 0) {
                    throw new IllegalStateException("sink '" + name() + "' received " + received.size() + " of "
                            + count + " messages within " + timeout);
                }
                nanos = arrived.awaitNanos(nanos);
            }
            return List.copyOf(received);
        } finally {
            receivedLock.unlock();
        }
    }

    /** Forgets the messages kept in memory (files stay); counters keep counting. */
    public void clearReceived() {
        receivedLock.lock();
        try {
            received.clear();
        } finally {
            receivedLock.unlock();
        }
    }

    public SinkCounters counters() {
        return new SinkCounters(connections.get(), connectionsRefused.get(), messagesAccepted.get(),
                messagesRejected.get(), recipientsAccepted.get(), recipientsRejected.get());
    }

    /** Stops listening and drops every open connection; a message in flight is not stored. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // the port is released either way
        }
        for (Socket client : clients) {
            try {
                client.close();
            } catch (IOException ignored) {
                // its session ends on its own
            }
        }
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            clients.add(client);
            long number = connections.incrementAndGet();
            Thread.ofVirtual().name("smtp-sink-" + name() + "-" + number).start(new SmtpSession(this, client, number));
        }
    }

    /** Keeps an accepted message: its file first (when there is a folder), then the in-memory list. */
    ReceivedMail store(SinkConnection connection, SmtpEnvelope envelope, Map<String, String> parameters,
                       byte[] content, String protocol) throws IOException {
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(4).toUpperCase();
        Instant at;
        long number;
        receivedLock.lock();
        try {
            // Time and sequence are taken together so that file names sort in arrival order.
            Instant now = Instant.now();
            at = now.isAfter(lastArrival) ? now : lastArrival;
            lastArrival = at;
            number = ++sequence;
        } finally {
            receivedLock.unlock();
        }
        Optional<Path> file = Optional.empty();
        if (folder.isPresent()) {
            String header = ReceivedHeader.format(connection.heloName(), connection.clientAddress(),
                    settings.hostName(), protocol, id, envelope.recipients(), at);
            String fileName = FILE_TIME.format(at) + "-" + String.format("%09d", number) + "-" + id + ".eml";
            file = Optional.of(folder.get().write(fileName, header.getBytes(StandardCharsets.UTF_8), content));
        }
        ReceivedMail mail = new ReceivedMail(id, name(), connection.clientAddress(), connection.heloName(),
                envelope.mailFrom(), envelope.recipients(), parameters, content, file, at);
        receivedLock.lock();
        try {
            received.add(mail);
            arrived.signalAll();
        } finally {
            receivedLock.unlock();
        }
        messagesAccepted.incrementAndGet();
        return mail;
    }

    void sessionEnded(Socket client) {
        clients.remove(client);
    }

    void countRefusedConnection() {
        connectionsRefused.incrementAndGet();
    }

    void countRejectedMessage() {
        messagesRejected.incrementAndGet();
    }

    void countAcceptedRecipient() {
        recipientsAccepted.incrementAndGet();
    }

    void countRejectedRecipient() {
        recipientsRejected.incrementAndGet();
    }
}
