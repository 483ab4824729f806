package com.emailengine.fleet;

import com.emailengine.core.tenant.SendingAddress;
import com.emailengine.core.throttle.TlsPolicy;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * One SMTP connection a source IP may keep open to one receiving host, reused for several messages
 * (connection reuse per source IP and MX), bound to the source address and announcing its EHLO name.
 * STARTTLS is used whenever offered; with {@link TlsPolicy#REQUIRED} a host that does not offer it is not
 * sent to. A deadline can be armed for each message: when it passes, the socket is closed under the
 * transport, which ends whatever it waits for, so no transaction outlives the message's claim.
 *
 * <p>Not thread-safe: one message at a time holds a channel (see {@link ConnectionSlots}).
 */
final class SmtpChannel implements AutoCloseable {

    private final SendingAddress source;
    private final int port;
    private final Duration timeout;
    private final ScheduledExecutorService watchdog;
    private SMTPTransport transport;
    private InetAddress target;
    private TlsPolicy tls;
    private boolean utf8;
    private int sent;
    private Instant lastUsed = Instant.now();
    private volatile Socket socket;
    private volatile boolean deadlinePassed;
    private ScheduledFuture<?> armed;

    SmtpChannel(SendingAddress source, int port, Duration timeout, ScheduledExecutorService watchdog) {
        this.source = source;
        this.port = port;
        this.timeout = timeout;
        this.watchdog = watchdog;
    }

    SendingAddress source() {
        return source;
    }

    /** The open transport if it goes to {@code address} with this TLS policy and may carry another message. */
    SMTPTransport reusable(InetAddress address, TlsPolicy policy, boolean needsUtf8, int maxMessages) {
        if (isOpen() && address.equals(target) && policy == tls && needsUtf8 == utf8
                && sent < maxMessages) {
            return transport;
        }
        close();
        return null;
    }

    /** Opens a new connection (greeting, EHLO, STARTTLS when offered or required). */
    SMTPTransport open(InetAddress address, TlsPolicy policy, boolean needsUtf8) throws MessagingException {
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
        properties.put("mail.smtp.ssl.trust", "*");
        properties.put("mail.smtp.ssl.checkserveridentity", "false");
        properties.put("mail.smtp.starttls.required", Boolean.toString(policy == TlsPolicy.REQUIRED));
        if (needsUtf8) {
            // A UTF-8 mailbox (RFC 6531) may only be named in MAIL FROM ... SMTPUTF8; Angus adds the parameter,
            // when the server offers the extension, only with this set.
            properties.put("mail.mime.allowutf8", "true");
        }
        Session session = Session.getInstance(properties);
        SMTPTransport opened = (SMTPTransport) session.getTransport("smtp");
        transport = opened;
        target = address;
        tls = policy;
        utf8 = needsUtf8;
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

    boolean idleSince(Instant before) {
        return lastUsed.isBefore(before);
    }

    boolean isOpen() {
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
    }

    /** Hands Angus plain sockets and remembers the last one, so the deadline can close it. */
    private final class RecordingSocketFactory extends SocketFactory {

        @Override
        public Socket createSocket() {
            Socket created = new Socket();
            socket = created;
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
}
