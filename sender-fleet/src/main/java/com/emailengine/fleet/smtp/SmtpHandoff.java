package com.emailengine.fleet.smtp;

import com.emailengine.core.dns.MailHost;
import com.emailengine.core.smtp.SmtpStage;
import com.emailengine.core.throttle.TlsPolicy;
import jakarta.mail.MessagingException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;

/**
 * Hands a signed message to the receiving MX over SMTP, on a {@link SmtpChannel} of the chosen source
 * address (reusing its open connection to the same host when it may carry another message). The bytes go
 * out exactly as signed, so the DKIM signatures stay valid; MAIL, RCPT and DATA are pipelined where the
 * server offers it ({@link PipeliningTransport}).
 *
 * <p>Hosts are tried in preference order while they cannot be reached or refuse at connect with 4xx;
 * the first definite reply is the outcome, with the stage it came at. A failed transaction closes the
 * connection (the next message starts clean). Thread-safe; a channel serves one call at a time.
 */
public final class SmtpHandoff {

    /** The message and where it goes. */
    public record Envelope(String from, String recipient, byte[] signed, TlsPolicy tls, int maxMessagesPerConnection) {
    }

    public HostReply deliver(SmtpChannel channel, List<MailHost> hosts, Envelope envelope, Instant deadline) {
        channel.arm(deadline);
        HostReply reply = null;
        try {
            reply = tryHosts(channel, hosts, envelope);
        } finally {
            if (channel.disarm()) {
                channel.close();
                if (reply != null && reply.code() == 0) {
                    // The watchdog cut the connection; a reply that did arrive (even a late 250) stands as it came.
                    reply = HostReply.none("local: SMTP deadline reached (the message's claim ends)", reply.mxHost(),
                            reply.stage());
                }
            }
        }
        return reply;
    }

    private HostReply tryHosts(SmtpChannel channel, List<MailHost> hosts, Envelope envelope) {
        HostReply last = HostReply.none("no mail host to try", "");
        for (MailHost host : hosts) {
            for (InetAddress address : host.addresses()) {
                Attempt attempt = attempt(channel, host.name(), address, envelope);
                last = attempt.reply();
                if (!attempt.failedBeforeTransaction()) {
                    return last;
                }
            }
        }
        return last;
    }

    /** @param failedBeforeTransaction no transaction started (unreachable, or refused at greeting): another host may serve */
    private record Attempt(HostReply reply, boolean failedBeforeTransaction) {
    }

    private Attempt attempt(SmtpChannel channel, String hostName, InetAddress address, Envelope envelope) {
        PipeliningTransport transport = channel.reusable(address, envelope.tls(), envelope.maxMessagesPerConnection());
        if (transport != null) {
            Attempt reused = send(channel, transport, hostName, envelope, true);
            if (reused != null) {
                return reused;
            }
            // The idle connection had been dropped by the server: open a fresh one below.
        }
        try {
            transport = channel.open(address, envelope.tls());
        } catch (MessagingException e) {
            int code = channel.lastCode();
            String response = channel.lastResponse();
            channel.close();
            if (code >= 200 && code < 400) {
                // The server answered well, we refused to go on: STARTTLS required but not offered, or TLS failed.
                return new Attempt(HostReply.none("local: " + hostName + " [" + address.getHostAddress() + "]: "
                        + rootMessage(e), hostName, SmtpStage.CONNECT), true);
            }
            if (code <= 0 || response == null) {
                return new Attempt(HostReply.none("cannot reach " + hostName + " [" + address.getHostAddress() + "]: "
                        + rootMessage(e), hostName, SmtpStage.CONNECT), true);
            }
            return new Attempt(new HostReply(PipeliningTransport.reply(code, PipeliningTransport.lastLine(response)), hostName, SmtpStage.CONNECT), true);
        }
        return send(channel, transport, hostName, envelope, false);
    }

    /** Sends over an open transport; null when a reused connection turned out to be dead before any reply. */
    private Attempt send(SmtpChannel channel, PipeliningTransport transport, String hostName, Envelope envelope, boolean reused) {
        boolean utf8 = !isAscii(envelope.from()) || !isAscii(envelope.recipient());
        if (utf8 && !transport.supportsExtension("SMTPUTF8")) {
            // RFC 6531 3.4: a UTF-8 address must not go to a server without SMTPUTF8; another MX may have it.
            return new Attempt(HostReply.none("local: " + hostName + " does not offer SMTPUTF8, which "
                    + envelope.recipient() + " needs (RFC 6531)", hostName, SmtpStage.CONNECT), true);
        }
        PipeliningTransport.Outcome outcome = transport.send(envelope.from(), envelope.recipient(), envelope.signed(), utf8,
                hostName);
        if (outcome.reply().accepted()) {
            channel.countSent();
        } else {
            channel.close();
            if (reused && !outcome.answered()) {
                return null;
            }
        }
        return new Attempt(outcome.reply(), false);
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
