package com.emailengine.fleet.smtp;

import com.emailengine.core.smtp.SmtpReply;
import com.emailengine.core.smtp.SmtpStage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus Mail's SMTP transport for the connection (greeting, EHLO, STARTTLS, extensions, replies), with the
 * mail transaction written here: MAIL, RCPT and DATA go out in one write when the server offers PIPELINING
 * (RFC 2920), which saves two round trips per message to a distant MX — Angus has no pipelining. The
 * content is written as the exact signed bytes (dot-stuffed, RFC 5321 4.5.2), never parsed back into MIME.
 *
 * <p>Commands and content are written to the socket the dialogue runs over (the TLS one after STARTTLS);
 * Angus flushes its own buffer after every command, so nothing of its can be left behind ours.
 */
final class PipeliningTransport extends SMTPTransport {

    private static final byte[] END_OF_DATA = ".\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Supplier<Socket> wire;

    /** The replies of one transaction, or of as much of it as was answered. */
    record Outcome(HostReply reply, boolean answered) {
    }

    /** @param wire the socket the dialogue currently runs over (plain, or TLS after STARTTLS) */
    PipeliningTransport(Session session, String host, int port, Supplier<Socket> wire) {
        super(session, new URLName("smtp", host, port, null, null, null));
        this.wire = wire;
    }

    boolean pipelining() {
        return supportsExtension("PIPELINING");
    }

    /**
     * Runs one transaction for one recipient. A reply other than the expected one ends it (the caller closes
     * the connection, so nothing of a refused transaction lingers on it).
     *
     * @return the final reply, or the refusal with the stage it came at; {@code answered} is false when the
     *         server gave no reply at all (a reused connection the server had dropped)
     */
    synchronized Outcome send(String from, String recipient, byte[] content, boolean utf8, String hostName) {
        String mail = "MAIL FROM:<" + from + ">" + mailParameters(content, utf8);
        String rcpt = "RCPT TO:<" + recipient + ">";
        if (hasLineBreak(mail) || hasLineBreak(rcpt)) {
            // An address with a line break would smuggle a command into the dialogue; nothing is written.
            return new Outcome(HostReply.none("local: line break in an envelope address", hostName), true);
        }
        SmtpReply reply;
        boolean answered = false;
        try {
            if (pipelining()) {
                write(commands(mail, rcpt, "DATA"));
                SmtpReply mailReply = read();
                answered = true;
                SmtpReply rcptReply = null;
                SmtpReply dataReply;
                try {
                    rcptReply = read();
                    dataReply = read();
                } catch (IOException | MessagingException e) {
                    // A server may refuse and close at once (421 too many messages, closing): the refusal is the
                    // outcome, not the lost connection, so throttling and refused IPs are still recognized.
                    if (!mailReply.accepted()) {
                        return refused(mailReply, SmtpStage.SENDER, hostName);
                    }
                    if (rcptReply != null && !rcptReply.accepted()) {
                        return refused(rcptReply, SmtpStage.RECIPIENT, hostName);
                    }
                    throw e;
                }
                if (!mailReply.accepted() || !rcptReply.accepted()) {
                    if (dataReply.code() == 354) {
                        // RFC 2920 3.1: DATA accepted although the envelope was not; end the empty message.
                        write(END_OF_DATA);
                        read();
                    }
                    return refused(mailReply.accepted() ? rcptReply : mailReply,
                            mailReply.accepted() ? SmtpStage.RECIPIENT : SmtpStage.SENDER, hostName);
                }
                if (dataReply.code() != 354) {
                    return refused(dataReply, SmtpStage.DATA, hostName);
                }
            } else {
                write(commands(mail));
                SmtpReply mailReply = read();
                answered = true;
                if (!mailReply.accepted()) {
                    return refused(mailReply, SmtpStage.SENDER, hostName);
                }
                write(commands(rcpt));
                SmtpReply rcptReply = read();
                if (!rcptReply.accepted()) {
                    return refused(rcptReply, SmtpStage.RECIPIENT, hostName);
                }
                write(commands("DATA"));
                SmtpReply dataReply = read();
                if (dataReply.code() != 354) {
                    return refused(dataReply, SmtpStage.DATA, hostName);
                }
            }
            write(dotStuffed(content));
            reply = read();
        } catch (IOException | MessagingException e) {
            return new Outcome(HostReply.none("connection to " + hostName + " lost: " + describe(e), hostName,
                    SmtpStage.DATA), answered);
        }
        return new Outcome(new HostReply(reply, hostName, SmtpStage.DATA), true);
    }

    private static Outcome refused(SmtpReply reply, SmtpStage stage, String hostName) {
        return new Outcome(new HostReply(reply, hostName, stage), true);
    }

    /** SIZE (RFC 1870) lets a server refuse an oversized message before it is sent; the others are required. */
    private String mailParameters(byte[] content, boolean utf8) {
        StringBuilder parameters = new StringBuilder();
        if (supportsExtension("SIZE")) {
            parameters.append(" SIZE=").append(content.length);
        }
        if (supportsExtension("8BITMIME") && hasEightBitBytes(content)) {
            parameters.append(" BODY=8BITMIME");
        }
        if (utf8) {
            parameters.append(" SMTPUTF8");
        }
        return parameters.toString();
    }

    private static boolean hasEightBitBytes(byte[] content) {
        for (byte b : content) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    private static byte[] commands(String... lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean hasLineBreak(String command) {
        return command.indexOf('\r') >= 0 || command.indexOf('\n') >= 0;
    }

    /**
     * The content as DATA carries it: lines end in CRLF (a bare LF becomes CRLF), a line starting with a dot
     * gets a second one, and the terminating dot line follows.
     */
    static byte[] dotStuffed(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + content.length / 64 + 8);
        boolean lineStart = true;
        byte previous = 0;
        for (byte b : content) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            if (b == '\n' && previous != '\r') {
                out.write('\r');
            }
            out.write(b);
            lineStart = b == '\n';
            previous = b;
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        out.writeBytes(END_OF_DATA);
        return out.toByteArray();
    }

    private void write(byte[] bytes) throws IOException {
        Socket socket = wire.get();
        if (socket == null || socket.isClosed()) {
            throw new IOException("socket closed");
        }
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    private SmtpReply read() throws MessagingException, IOException {
        int code = readServerResponse();
        if (code <= 0) {
            throw new IOException("no reply (" + lastLine(getLastServerResponse()) + ")");
        }
        return reply(code, lastLine(getLastServerResponse()));
    }

    /** The reply whose last line is {@code line} ({@code 250 2.0.0 ok}); the code as Angus read it. */
    static SmtpReply reply(int code, String line) {
        if (code < 200 || code > 599) {
            return SmtpReply.none("not an SMTP reply: " + line);
        }
        String text = line.startsWith(Integer.toString(code)) ? line.substring(3) : line;
        return SmtpReply.of(code, text.startsWith(" ") || text.startsWith("-") ? text.substring(1) : text);
    }

    static String lastLine(String response) {
        if (response == null) {
            return "";
        }
        String[] lines = response.strip().split("\r?\n");
        return lines[lines.length - 1].strip();
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
