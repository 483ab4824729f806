package com.emailengine.fleet;

import com.emailengine.core.dns.MailHost;
import com.emailengine.core.tenant.SendingAddress;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Hands a signed message to the receiving MX over SMTP with Angus Mail, from a chosen source address
 * ({@code mail.smtp.localaddress}) announcing that address's EHLO name. The bytes go out exactly as
 * signed: the message is parsed back unmodified and {@code sendMessage} writes its original headers and
 * body (no {@code saveChanges}), so the DKIM signature stays valid.
 *
 * <p>Hosts are tried in preference order while they cannot be reached or answer 4xx at connect; the
 * first definite reply (2xx, 4xx or 5xx to the transaction) is the outcome. Thread-safe; one connection
 * per call (connection reuse is the fleet's next step).
 */
public final class SmtpHandoff {

    private final int port;
    private final Duration timeout;

    public SmtpHandoff(int port, Duration timeout) {
        this.port = port;
        this.timeout = timeout;
    }

    public SmtpReply deliver(SendingAddress source, List<MailHost> hosts, String envelopeFrom, String recipient, byte[] signed) {
        SmtpReply last = new SmtpReply(0, "no mail host to try", "");
        for (MailHost host : hosts) {
            for (InetAddress address : host.addresses()) {
                Attempt attempt = attempt(source, host.name(), address, envelopeFrom, recipient, signed);
                last = attempt.reply();
                if (!attempt.failedBeforeTransaction()) {
                    return last;
                }
            }
        }
        return last;
    }

    /** @param failedBeforeTransaction no transaction started (unreachable, or refused at greeting): another host may serve */
    private record Attempt(SmtpReply reply, boolean failedBeforeTransaction) {
    }

    private Attempt attempt(SendingAddress source, String hostName, InetAddress address, String envelopeFrom,
                              String recipient, byte[] signed) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", address.getHostAddress());
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.localaddress", source.ip());
        properties.put("mail.smtp.localhost", source.ehloName());
        properties.put("mail.smtp.from", envelopeFrom);
        properties.put("mail.smtp.connectiontimeout", Long.toString(timeout.toMillis()));
        properties.put("mail.smtp.timeout", Long.toString(timeout.toMillis()));
        properties.put("mail.smtp.writetimeout", Long.toString(timeout.toMillis()));
        properties.put("mail.smtp.quitwait", "false");
        if (!isAscii(envelopeFrom) || !isAscii(recipient)) {
            // A UTF-8 mailbox (RFC 6531) may only be named in MAIL FROM ... SMTPUTF8; Angus adds the parameter,
            // when the server offers the extension, only with this set. Without it the server refuses the
            // address (553 5.6.7) and the contact would be taken for a hard bounce.
            properties.put("mail.mime.allowutf8", "true");
        }
        Session session = Session.getInstance(properties);
        SMTPTransport transport = null;
        boolean connected = false;
        try {
            transport = (SMTPTransport) session.getTransport("smtp");
            transport.connect();
            connected = true;
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(signed));
            transport.sendMessage(message, new Address[] {new InternetAddress(recipient, false)});
            return new Attempt(new SmtpReply(transport.getLastReturnCode(), lastLine(transport.getLastServerResponse()), hostName), false);
        } catch (SendFailedException e) {
            return new Attempt(rejection(e, transport, hostName), false);
        } catch (MessagingException e) {
            int code = transport == null ? 0 : transport.getLastReturnCode();
            String response = transport == null ? null : transport.getLastServerResponse();
            if (code <= 0 || response == null) {
                return new Attempt(new SmtpReply(0, "cannot reach " + hostName + " [" + address.getHostAddress() + "]: "
                        + rootMessage(e), hostName), true);
            }
            return new Attempt(new SmtpReply(code, lastLine(response), hostName), !connected);
        } finally {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // The outcome is known; a failed QUIT changes nothing.
                }
            }
        }
    }

    private static SmtpReply rejection(SendFailedException e, SMTPTransport transport, String hostName) {
        for (Exception cause = e; cause != null; cause = cause instanceof MessagingException m ? m.getNextException() : null) {
            if (cause instanceof SMTPAddressFailedException address) {
                return new SmtpReply(address.getReturnCode(), lastLine(address.getMessage()), hostName);
            }
            if (cause instanceof SMTPSendFailedException send) {
                return new SmtpReply(send.getReturnCode(), lastLine(send.getMessage()), hostName);
            }
        }
        int code = transport == null ? 0 : transport.getLastReturnCode();
        return new SmtpReply(code, lastLine(transport == null ? e.getMessage() : transport.getLastServerResponse()), hostName);
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
