package com.emailengine.emulators.internet;

import com.emailengine.emulators.internet.AuthoritativeResponder.Response;
import com.emailengine.emulators.internet.AuthoritativeResponder.Transport;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * An authoritative DNS server for the zones in a {@link DnsZone}, on one address and port
 * over both UDP and TCP, so that resolvers (dnsjava, kdig, a real stub) can be pointed at it.
 * Every request is served on its own virtual thread.
 *
 * <p>Thread safety: {@link #close()} may be called from any thread; the zone may be changed
 * while the server runs.
 */
public final class LoopbackDnsServer implements AutoCloseable {

    /** How long an idle TCP connection stays open (RFC 7766 6.2.3 recommends seconds, not minutes). */
    private static final Duration TCP_IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** How many ephemeral ports to try when asked for port 0 until one is free for both UDP and TCP. */
    private static final int PORT_ATTEMPTS = 50;

    private final DnsZone zone;
    private final AuthoritativeResponder responder;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Set<Socket> tcpClients = ConcurrentHashMap.newKeySet();
    private final LongAdder udpQueries = new LongAdder();
    private final LongAdder tcpQueries = new LongAdder();
    private final LongAdder truncated = new LongAdder();
    private final LongAdder unanswered = new LongAdder();
    private volatile boolean closed;

    private LoopbackDnsServer(DnsZone zone, DatagramSocket udp, ServerSocket tcp) {
        this.zone = zone;
        this.responder = new AuthoritativeResponder(zone);
        this.udp = udp;
        this.tcp = tcp;
    }

    /**
     * Binds UDP and TCP on {@code address} (port 0 picks one port free for both) and starts serving.
     *
     * @throws BindException if the port is taken, naming the address
     */
    public static LoopbackDnsServer start(DnsZone zone, InetSocketAddress address) throws IOException {
        LoopbackDnsServer server = bind(zone, address);
        Thread.ofVirtual().name("dns-udp-" + server.address()).start(server::serveUdp);
        Thread.ofVirtual().name("dns-tcp-accept-" + server.address()).start(server::acceptTcp);
        return server;
    }

    private static LoopbackDnsServer bind(DnsZone zone, InetSocketAddress address) throws IOException {
        int attempts = address.getPort() == 0 ? PORT_ATTEMPTS : 1;
        BindException last = null;
        for (int i = 0; i < attempts; i++) {
            ServerSocket tcp = new ServerSocket();
            DatagramSocket udp = null;
            try {
                tcp.setReuseAddress(true);
                tcp.bind(address, 64);
                udp = new DatagramSocket(null);
                udp.bind(new InetSocketAddress(address.getAddress(), tcp.getLocalPort()));
                return new LoopbackDnsServer(zone, udp, tcp);
            } catch (BindException e) {
                last = e;
                tcp.close();
                if (udp != null) {
                    udp.close();
                }
            }
        }
        BindException failure = new BindException("cannot bind DNS on " + address + " for both UDP and TCP: " + last.getMessage());
        failure.initCause(last);
        throw failure;
    }

    /** The address and port the server answers on (UDP and TCP). */
    public InetSocketAddress address() {
        return new InetSocketAddress(tcp.getInetAddress(), tcp.getLocalPort());
    }

    public DnsZone zone() {
        return zone;
    }

    public DnsServerCounters counters() {
        return new DnsServerCounters(udpQueries.sum(), tcpQueries.sum(), truncated.sum(), unanswered.sum());
    }

    @Override
    public void close() {
        closed = true;
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing is best effort; the port is released either way
        }
        for (Socket client : tcpClients) {
            try {
                client.close();
            } catch (IOException ignored) {
                // the client thread ends on its own once the socket is gone
            }
        }
    }

    private void serveUdp() {
        byte[] buffer = new byte[65_535];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            byte[] request = Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
            var client = packet.getSocketAddress();
            udpQueries.increment();
            Thread.ofVirtual().start(() -> {
                Optional<Response> response = respond(request, Transport.UDP);
                if (response.isPresent()) {
                    byte[] wire = response.get().wire();
                    try {
                        udp.send(new DatagramPacket(wire, wire.length, client));
                    } catch (IOException e) {
                        // the client's port may be gone already; UDP gives no one to tell
                    }
                }
            });
        }
    }

    private void acceptTcp() {
        while (!closed) {
            Socket client;
            try {
                client = tcp.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            tcpClients.add(client);
            Thread.ofVirtual().start(() -> serveTcp(client));
        }
    }

    private void serveTcp(Socket client) {
        try (client) {
            client.setSoTimeout((int) TCP_IDLE_TIMEOUT.toMillis());
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(client.getInputStream()));
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(client.getOutputStream()));
            while (!closed) {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (EOFException | SocketTimeoutException end) {
                    return;
                }
                byte[] request = in.readNBytes(length);
                if (request.length < length) {
                    return;
                }
                tcpQueries.increment();
                Optional<Response> response = respond(request, Transport.TCP);
                if (response.isPresent()) {
                    out.writeShort(response.get().wire().length);
                    out.write(response.get().wire());
                    out.flush();
                }
            }
        } catch (IOException gone) {
            // the client hung up, sent a broken frame, or the server is closing: the connection ends
        } finally {
            tcpClients.remove(client);
        }
    }

    private Optional<Response> respond(byte[] request, Transport transport) {
        Optional<Response> response = responder.respond(request, transport);
        if (response.isEmpty()) {
            unanswered.increment();
        } else if (response.get().truncated()) {
            truncated.increment();
        }
        return response;
    }
}
