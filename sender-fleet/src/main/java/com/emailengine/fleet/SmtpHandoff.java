package com.emailengine.fleet;

import com.emailengine.core.dns.MailHost;
import com.emailengine.core.throttle.TlsPolicy;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Hands a signed message to the receiving MX over SMTP with Angus Mail, on a {@link SmtpChannel} of the
 * chosen source address (reusing its open connection to the same host when it may carry another
 * message). The bytes go out exactly as signed ({@link SignedMessage}), so the DKIM signatures stay
 * valid; the envelope sender is set per message.
 *
 * <p>Hosts are tried in preference order while they cannot be reached or refuse at connect with 4xx;
 * the first definite reply is the outcome, with the stage it came at. A failed transaction closes the
 * connection (the next message starts clean). Thread-safe; a channel serves one call at a time.
 */
public final class SmtpHandoff {

    private static final Session PARSING = Session.getInstance(new Properties());

    /** The message and where it goes. */
    public record Envelope(String from, String recipient, byte[] signed, TlsPolicy tls, int maxMessagesPerConnection) {
    }

    SmtpReply deliver(SmtpChannel channel, List<MailHost> hosts, Envelope envelope, Instant deadline) {
        SmtpReply last = new SmtpReply(0, "no mail host to try", "");
        channel.arm(deadline);
        try {
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
        } finally {
            if (channel.disarm()) {
                channel.close();
                last = new SmtpReply(0, "local: SMTP deadline reached (the message's claim ends)", last.mxHost());
            }
        }
    }

    /** @param failedBeforeTransaction no transaction started (unreachable, or refused at greeting): another host may serve */
    private record Attempt(SmtpReply reply, boolean failedBeforeTransaction) {
    }

    private Attempt attempt(SmtpChannel channel, String hostName, InetAddress address, Envelope envelope) {
        boolean utf8 = !isAscii(envelope.from()) || !isAscii(envelope.recipient());
        SMTPTransport transport = channel.reusable(address, envelope.tls(), utf8, envelope.maxMessagesPerConnection());
        if (transport != null) {
            Attempt reused = send(channel, transport, hostName, envelope, true);
            if (reused != null) {
                return reused;
            }
            // The idle connection had been dropped by the server: open a fresh one below.
        }
        try {
            transport = channel.open(address, envelope.tls(), utf8);
        } catch (MessagingException e) {
            int code = channel.lastCode();
            String response = channel.lastResponse();
            channel.close();
            if (code >= 200 && code < 400) {
                // The server answered well, we refused to go on: STARTTLS required but not offered, or TLS failed.
                return new Attempt(new SmtpReply(0, "local: " + hostName + " [" + address.getHostAddress() + "]: "
                        + rootMessage(e), hostName, SmtpStage.CONNECT), true);
            }
            if (code <= 0 || response == null) {
                return new Attempt(new SmtpReply(0, "cannot reach " + hostName + " [" + address.getHostAddress() + "]: "
                        + rootMessage(e), hostName, SmtpStage.CONNECT), true);
            }
            return new Attempt(new SmtpReply(code, lastLine(response), hostName, SmtpStage.CONNECT), true);
        }
        return send(channel, transport, hostName, envelope, false);
    }

    /** Sends over an open transport; null when a reused connection turned out to be dead before any reply. */
    private Attempt send(SmtpChannel channel, SMTPTransport transport, String hostName, Envelope envelope, boolean reused) {
        try {
            SignedMessage message = new SignedMessage(PARSING, envelope.signed(), envelope.from());
            transport.sendMessage(message, new Address[] {new InternetAddress(envelope.recipient(), false)});
            channel.countSent();
            return new Attempt(new SmtpReply(transport.getLastReturnCode(), lastLine(transport.getLastServerResponse()),
                    hostName, SmtpStage.DATA), false);
        } catch (SendFailedException e) {
            channel.close();
            return new Attempt(rejection(e, transport, hostName), false);
        } catch (MessagingException e) {
            int code = transport.getLastReturnCode();
            String response = transport.getLastServerResponse();
            channel.close();
            if (reused && (code <= 0 || response == null || response.isEmpty())) {
                return null;
            }
            if (code <= 0 || response == null) {
                return new Attempt(new SmtpReply(0, "connection to " + hostName + " lost: " + rootMessage(e), hostName,
                        SmtpStage.DATA), false);
            }
            return new Attempt(new SmtpReply(code, lastLine(response), hostName, SmtpStage.DATA), false);
        }
    }

    private static SmtpReply rejection(SendFailedException e, SMTPTransport transport, String hostName) {
        for (Exception cause = e; cause != null; cause = cause instanceof MessagingException m ? m.getNextException() : null) {
            if (cause instanceof SMTPSenderFailedException sender) {
                return new SmtpReply(sender.getReturnCode(), lastLine(sender.getMessage()), hostName, SmtpStage.SENDER);
            }
            if (cause instanceof SMTPAddressFailedException address) {
                return new SmtpReply(address.getReturnCode(), lastLine(address.getMessage()), hostName, SmtpStage.RECIPIENT);
            }
            if (cause instanceof SMTPSendFailedException send) {
                return new SmtpReply(send.getReturnCode(), lastLine(send.getMessage()), hostName, SmtpStage.DATA);
            }
        }
        return new SmtpReply(transport.getLastReturnCode(), lastLine(transport.getLastServerResponse()), hostName, SmtpStage.DATA);
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    private static String lastLine(String response) {
        if (response == null) {
            return "";
        }
        String[] lines = response.strip().split("\r?\n");
        return lines[lines.length - 1].strip();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
