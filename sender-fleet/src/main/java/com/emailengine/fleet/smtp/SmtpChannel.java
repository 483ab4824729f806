package com.emailengine.fleet.smtp;

import com.emailengine.core.tenant.SendingAddress;
import com.emailengine.core.throttle.TlsPolicy;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One SMTP connection a source IP may keep open to one receiving host, reused for several messages
 * (connection reuse per source IP and MX), bound to the source address and announcing its EHLO name.
 * STARTTLS is used whenever offered; with {@link TlsPolicy#REQUIRED} a host that does not offer it is not
 * sent to. A deadline can be armed for each message: when it passes, the socket is closed under the
 * transport, which ends whatever it waits for, so no transaction outlives the message's claim.
 *
 * <p>Not thread-safe: one message at a time holds a channel (see {@link ConnectionSlots}).
 */
public final class SmtpChannel implements AutoCloseable {

    private final SendingAddress source;
    private final int port;
    private final Duration timeout;
    private final ScheduledExecutorService watchdog;
    private PipeliningTransport transport;
    private InetAddress target;
    private TlsPolicy tls;
    private int sent;
    private Instant lastUsed = Instant.now();
    private volatile Socket socket;
    /** The socket the dialogue runs over: {@link #socket}, or the TLS socket on it after STARTTLS. */
    private volatile Socket wire;
    private volatile boolean deadlinePassed;
    private ScheduledFuture<?> armed;

    public SmtpChannel(SendingAddress source, int port, Duration timeout, ScheduledExecutorService watchdog) {
        this.source = source;
        this.port = port;
        this.timeout = timeout;
        this.watchdog = watchdog;
    }

    SendingAddress source() {
        return source;
    }

    /** The open transport if it goes to {@code address} with this TLS policy and may carry another message. */
    PipeliningTransport reusable(InetAddress address, TlsPolicy policy, int maxMessages) {
        if (isOpen() && address.equals(target) && policy == tls && sent < maxMessages) {
            return transport;
        }
        close();
        return null;
    }

    /** Opens a new connection (greeting, EHLO, STARTTLS when offered or required). */
    PipeliningTransport open(InetAddress address, TlsPolicy policy) throws MessagingException {
        close();
        Properties properties = new Properties();
        properties.put("mail.smtp.host", address.getHostAddress());
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.localaddress", source.ip());
        properties.put("mail.smtp.localhost", source.ehloName());
        properties.put("mail.smtp.connectiontimeout", Long.toString(timeout.toMillis()));
        properties.put("mail.smtp.timeout", Long.toString(timeout.toMillis()));
        properties.put("mail.smtp.writetimeout", Long.toString(timeout.toMillis()));
        properties.put("mail.smtp.quitwait", "false");
        properties.put("mail.smtp.socketFactory", new RecordingSocketFactory());
        // Receiving MTAs present certificates for names senders cannot check (RFC 7435 opportunistic security):
        // encrypt whenever offered, trust any certificate, never fall back to clear text where TLS is required.
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.ssl.socketFactory", new RecordingTlsSocketFactory());
        properties.put("mail.smtp.ssl.checkserveridentity", "false");
        properties.put("mail.smtp.starttls.required", Boolean.toString(policy == TlsPolicy.REQUIRED));
        Session session = Session.getInstance(properties);
        PipeliningTransport opened = new PipeliningTransport(session, address.getHostAddress(), port, () -> wire);
        transport = opened;
        target = address;
        tls = policy;
        sent = 0;
        opened.connect();
        return opened;
    }

    /** The reply code of the last command on the current connection, 0 without one. */
    int lastCode() {
        return transport == null ? 0 : transport.getLastReturnCode();
    }

    String lastResponse() {
        return transport == null ? null : transport.getLastServerResponse();
    }

    void countSent() {
        sent++;
        lastUsed = Instant.now();
    }

    public boolean idleSince(Instant before) {
        return lastUsed.isBefore(before);
    }

    public boolean isOpen() {
        return transport != null && socket != null && !socket.isClosed();
    }

    /** Closes the socket at {@code deadline} unless {@link #disarm()} comes first. */
    void arm(Instant deadline) {
        deadlinePassed = false;
        long delay = Math.max(0, deadline.toEpochMilli() - System.currentTimeMillis());
        armed = watchdog.schedule(() -> {
            deadlinePassed = true;
            Socket s = socket;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing is all we wanted
                }
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** @return true when the deadline had passed (and the connection was cut) */
    boolean disarm() {
        if (armed != null) {
            armed.cancel(false);
            armed = null;
        }
        return deadlinePassed;
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the connection is going away either way
            }
            transport = null;
            target = null;
        }
        Socket s = socket;
        if (s != null && !s.isClosed()) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        socket = null;
        wire = null;
    }

    /** Hands Angus plain sockets and remembers the last one, so the deadline can close it. */
    private final class RecordingSocketFactory extends SocketFactory {

        @Override
        public Socket createSocket() {
            Socket created = new Socket();
            socket = created;
            wire = created;
            return created;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw new IOException("unconnected sockets only");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            throw new IOException("unconnected sockets only");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            throw new IOException("unconnected sockets only");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            throw new IOException("unconnected sockets only");
        }
    }

    /**
     * The TLS layer STARTTLS puts on the connection, remembered as the socket to write to. It trusts any
     * certificate: receiving MTAs present certificates for names senders cannot check (RFC 7435).
     */
    private final class RecordingTlsSocketFactory extends SSLSocketFactory {

        @Override
        public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
            Socket tls = TrustAnyCertificate.FACTORY.createSocket(plain, host, port, autoClose);
            wire = tls;
            return tls;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return TrustAnyCertificate.FACTORY.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return TrustAnyCertificate.FACTORY.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw new IOException("TLS on an open connection only (STARTTLS)");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            throw new IOException("TLS on an open connection only (STARTTLS)");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            throw new IOException("TLS on an open connection only (STARTTLS)");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            throw new IOException("TLS on an open connection only (STARTTLS)");
        }
    }

    /** One TLS context for every connection of the node. */
    private static final class TrustAnyCertificate implements X509TrustManager {

        static final SSLSocketFactory FACTORY = create();

        private static SSLSocketFactory create() {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new TrustAnyCertificate()}, null);
                return context.getSocketFactory();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("no TLS in this JVM", e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // a client never authenticates to us here
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // opportunistic TLS: any certificate encrypts as well as a trusted one
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
