package com.emailengine.platform.smtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An ESMTP server (RFC 5321 with PIPELINING, 8BITMIME, SMTPUTF8, SIZE, ENHANCEDSTATUSCODES, and STARTTLS when the
 * handler offers a certificate): it listens on one address and runs each connection's {@link SmtpSession} on its own
 * virtual thread; an {@link SmtpHandler} decides policy and keeps what is accepted.
 *
 * <p>Thread safety: all methods may be called from any thread while the server serves clients.
 */
public final class SmtpServer implements AutoCloseable {

    /** Connections waiting to be accepted; a burst of a whole fleet's connections fits. */
    private static final int BACKLOG = 200;

    private final SmtpServerSettings settings;
    private final SmtpHandler handler;
    private final ServerSocket server;
    private final ServerCounters counters = new ServerCounters();
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private SmtpServer(SmtpServerSettings settings, SmtpHandler handler, ServerSocket server) {
        this.settings = settings;
        this.handler = handler;
        this.server = server;
    }

    /**
     * Binds and starts accepting connections.
     *
     * @throws IOException the bind's failure, the socket closed again
     */
    public static SmtpServer start(SmtpServerSettings settings, SmtpHandler handler) throws IOException {
        Objects.requireNonNull(handler, "handler");
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(settings.bindAddress(), BACKLOG);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        SmtpServer server = new SmtpServer(settings, handler, socket);
        Thread.ofVirtual().name(settings.name() + "-accept").start(server::accept);
        return server;
    }

    public SmtpServerSettings settings() {
        return settings;
    }

    /** The address and port the server listens on. */
    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    public SmtpCounters counters() {
        return counters.snapshot();
    }

    /** Stops listening and drops every open connection; a message still arriving is not delivered. */
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
        long accepted = 0;
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                // Closing is the normal way out; anything else (a client that reset before accept) is that client's.
                continue;
            }
            clients.add(client);
            counters.connections.increment();
            long number = ++accepted;
            SmtpSession session = new SmtpSession(settings, handler, counters, client, number, () -> clients.remove(client));
            Thread.ofVirtual().name(settings.name() + "-" + number).start(session);
        }
    }
}
