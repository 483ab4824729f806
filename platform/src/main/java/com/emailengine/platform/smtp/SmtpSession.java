package com.emailengine.platform.smtp;

import com.emailengine.core.smtp.SmtpReply;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The server side of one SMTP connection (RFC 5321, with PIPELINING, 8BITMIME, SMTPUTF8, SIZE, ENHANCEDSTATUSCODES
 * and STARTTLS), asking its {@link SmtpHandler} at each policy point. Runs on its own virtual thread; all its state
 * is confined to it.
 */
final class SmtpSession implements Runnable {

    /** RFC 5321 4.5.3.1.4 allows 512 octets; SMTPUTF8 addresses and parameters get some room beyond it. */
    private static final int COMMAND_LINE_CAP = 1000;
    /** RFC 5321 4.5.3.1.6: a text line is at most 998 octets plus CRLF. */
    private static final int TEXT_LINE_OCTETS = 998;
    /** RFC 5321 4.5.3.1.8 asks for at least 100; more than this many is a broken client. */
    private static final int MAX_RECIPIENTS = 1000;
    /** After this many syntax and sequence errors the client is shown the door, as real servers do. */
    private static final int MAX_ERRORS = 20;

    private final SmtpServerSettings settings;
    private final SmtpHandler handler;
    private final ServerCounters counters;
    private final Socket socket;
    private final long number;
    private final Runnable ended;

    // Fields, not locals: STARTTLS swaps them for TLS-wrapped ones and the session starts over from before EHLO.
    private SmtpLineReader in;
    private OutputStream out;

    private String heloName = "";
    private boolean extended;
    private boolean tls;
    private int errors;

    private String mailFrom;
    private final Map<String, String> mailParameters = new LinkedHashMap<>();
    private final List<String> recipients = new ArrayList<>();
    private boolean smtpUtf8;

    /** {@code ended} runs once the connection is closed, however it ended. */
    SmtpSession(SmtpServerSettings settings, SmtpHandler handler, ServerCounters counters, Socket socket, long number,
                Runnable ended) {
        this.settings = settings;
        this.handler = handler;
        this.counters = counters;
        this.socket = socket;
        this.number = number;
        this.ended = ended;
    }

    @Override
    public void run() {
        try (socket) {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, settings.commandTimeout().toMillis()));
            out = new BufferedOutputStream(socket.getOutputStream());
            in = new SmtpLineReader(socket.getInputStream(), out::flush);
            try {
                converse();
            } catch (SocketTimeoutException idle) {
                tryToSay(SmtpReply.of(421, "4.4.2 " + host() + " timeout exceeded, closing connection"));
            } catch (RuntimeException broken) {
                // A failing handler (or a bug here) must look like the server's local error, not a dead socket.
                tryToSay(SmtpReply.of(421, "4.3.0 " + host() + " local error, closing connection: "
                        + String.valueOf(broken).replaceAll("[\\r\\n]+", " ")));
            }
        } catch (IOException gone) {
            // the client went away or the server is closing; nothing is stored for an unfinished message
        } finally {
            ended.run();
        }
    }

    private void converse() throws IOException {
        if (!greet()) {
            return;
        }
        while (true) {
            SmtpLineReader.Line line = in.read(COMMAND_LINE_CAP, false);
            if (line == null) {
                return;
            }
            if (line.tooLong()) {
                if (!error(SmtpReply.of(500, "5.5.2 line too long"))) {
                    out.flush();
                    return;
                }
                continue;
            }
            String command = new String(line.withoutLineEnd(), StandardCharsets.UTF_8);
            if (!handle(command)) {
                out.flush();
                return;
            }
        }
    }

    /** Sends the greeting; false when the handler refused the connection and it is over. */
    private boolean greet() throws IOException {
        Optional<SmtpReply> verdict = handler.onConnect(connection());
        Optional<SmtpReply> refusal = verdict.filter(r -> !r.isPositive());
        if (refusal.isEmpty()) {
            reply(verdict.orElse(SmtpReply.of(220, host() + " " + settings.greeting())));
            return true;
        }
        counters.connectionsRefused.increment();
        reply(refusal.get());
        if (refusal.get().code() == 554) {
            refuseAllButQuit();
        }
        out.flush();
        return false;
    }

    /** After a 554 greeting the server must still wait for QUIT, answering 503 (RFC 5321 3.1). */
    private void refuseAllButQuit() throws IOException {
        SmtpLineReader.Line line;
        while ((line = in.read(COMMAND_LINE_CAP, false)) != null) {
            String verb = verb(new String(line.withoutLineEnd(), StandardCharsets.UTF_8));
            if (verb.equals("QUIT")) {
                reply(SmtpReply.of(221, "2.0.0 " + host() + " closing connection"));
                return;
            }
            if (!error(SmtpReply.of(503, "5.5.1 no service here, only QUIT"))) {
                return;
            }
        }
    }

    /** Carries out one command; false when the connection is to be closed. */
    private boolean handle(String command) throws IOException {
        String verb = verb(command);
        String argument = command.length() > verb.length() ? command.substring(verb.length()).strip() : "";
        return switch (verb) {
            case "EHLO", "HELO" -> hello(verb.equals("EHLO"), argument);
            case "MAIL" -> mail(argument);
            case "RCPT" -> recipient(argument);
            case "DATA" -> data(argument);
            case "RSET" -> {
                resetTransaction();
                yield reply(SmtpReply.of(250, "2.0.0 reset"));
            }
            case "NOOP" -> reply(SmtpReply.of(250, "2.0.0 ok"));
            case "VRFY" -> reply(SmtpReply.of(252, "2.1.5 cannot VRFY user, but will accept message and attempt delivery"));
            case "HELP" -> reply(SmtpReply.of(214, "2.0.0 commands: EHLO HELO MAIL RCPT DATA RSET NOOP VRFY HELP QUIT"));
            case "QUIT" -> {
                reply(SmtpReply.of(221, "2.0.0 " + host() + " closing connection"));
                yield false;
            }
            case "STARTTLS" -> startTls(argument);
            case "" -> error(SmtpReply.of(500, "5.5.2 empty command"));
            default -> error(SmtpReply.of(500, "5.5.2 command not recognized: " + verb));
        };
    }

    private boolean hello(boolean ehlo, String name) throws IOException {
        if (name.isEmpty()) {
            return error(SmtpReply.of(501, "5.5.4 " + (ehlo ? "EHLO" : "HELO") + " needs a domain or address literal"));
        }
        resetTransaction();
        heloName = name.split("\\s+")[0];
        extended = ehlo;
        if (!ehlo) {
            return reply(SmtpReply.of(250, host()));
        }
        List<String> lines = new ArrayList<>(List.of(host() + " greets " + heloName, "PIPELINING",
                "SIZE " + settings.maxMessageSize(), "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES"));
        if (!tls && handler.startTls().isPresent()) {
            lines.add("STARTTLS");
        }
        lines.add("HELP");
        return reply(SmtpReply.of(250, String.join("\n", lines)));
    }

    /**
     * RFC 3207: 220, then the TLS handshake on the same socket, new streams over it, and the session starts over
     * from before EHLO (what was said in clear is forgotten).
     */
    private boolean startTls(String argument) throws IOException {
        Optional<SSLContext> context = handler.startTls();
        if (context.isEmpty() || tls) {
            return error(SmtpReply.of(502, "5.5.1 STARTTLS not offered" + (tls ? " twice" : " by this server")));
        }
        if (!argument.isEmpty()) {
            return error(SmtpReply.of(501, "5.5.4 STARTTLS takes no parameters"));
        }
        reply(SmtpReply.of(220, "2.0.0 ready to start TLS"));
        out.flush();
        SSLSocket secure = (SSLSocket) context.get().getSocketFactory()
                .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        secure.setUseClientMode(false);
        secure.startHandshake();
        out = new BufferedOutputStream(secure.getOutputStream());
        in = new SmtpLineReader(secure.getInputStream(), out::flush);
        tls = true;
        heloName = "";
        extended = false;
        resetTransaction();
        counters.tlsSessions.increment();
        return true;
    }

    private boolean mail(String argument) throws IOException {
        if (heloName.isEmpty()) {
            return error(SmtpReply.of(503, "5.5.1 send EHLO or HELO first"));
        }
        if (mailFrom != null) {
            return error(SmtpReply.of(503, "5.5.1 sender already given; RSET to start over"));
        }
        Optional<MailPath> path = MailPath.parse(argument, "FROM:");
        if (path.isEmpty()) {
            return error(SmtpReply.of(501, "5.5.4 syntax: MAIL FROM:<address> [parameters]"));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        boolean utf8 = false;
        for (String parameter : path.get().parameters()) {
            int equals = parameter.indexOf('=');
            String key = (equals < 0 ? parameter : parameter.substring(0, equals)).toUpperCase(Locale.ROOT);
            String value = equals < 0 ? "" : parameter.substring(equals + 1);
            switch (key) {
                case "SIZE" -> {
                    if (!value.matches("\\d{1,20}")) {
                        return error(SmtpReply.of(501, "5.5.4 SIZE needs a number of octets"));
                    }
                    if (new BigInteger(value).compareTo(BigInteger.valueOf(settings.maxMessageSize())) > 0) {
                        counters.messagesRejected.increment();
                        return reply(tooLarge());
                    }
                }
                case "BODY" -> {
                    String body = value.toUpperCase(Locale.ROOT);
                    if (!body.equals("7BIT") && !body.equals("8BITMIME")) {
                        return error(SmtpReply.of(555, "5.5.4 BODY=" + value + " not supported"));
                    }
                    value = body;
                }
                case "SMTPUTF8" -> {
                    if (!value.isEmpty()) {
                        return error(SmtpReply.of(555, "5.5.4 SMTPUTF8 takes no value"));
                    }
                    utf8 = true;
                }
                default -> {
                    return error(SmtpReply.of(555, "5.5.4 MAIL parameter " + key + " not supported"));
                }
            }
            parameters.put(key, value);
        }
        String sender = path.get().address();
        if (!utf8 && !MailPath.isAscii(sender)) {
            return error(SmtpReply.of(553, "5.6.7 non-ASCII address needs the SMTPUTF8 parameter"));
        }
        if (!sender.isEmpty() && !MailPath.looksLikeMailbox(sender)) {
            return error(SmtpReply.of(553, "5.1.7 bad sender address syntax"));
        }
        Optional<SmtpReply> verdict = handler.onMailFrom(connection(), sender);
        if (verdict.isPresent() && !verdict.get().isPositive()) {
            counters.messagesRejected.increment();
            return refuse(verdict.get());
        }
        mailFrom = sender;
        mailParameters.putAll(parameters);
        smtpUtf8 = utf8;
        return reply(verdict.orElse(SmtpReply.of(250, "2.1.0 sender <" + sender + "> ok")));
    }

    private boolean recipient(String argument) throws IOException {
        if (mailFrom == null) {
            return error(SmtpReply.of(503, "5.5.1 need MAIL before RCPT"));
        }
        Optional<MailPath> path = MailPath.parse(argument, "TO:");
        if (path.isEmpty()) {
            return error(SmtpReply.of(501, "5.5.4 syntax: RCPT TO:<address>"));
        }
        if (!path.get().parameters().isEmpty()) {
            return error(SmtpReply.of(555, "5.5.4 RCPT parameters not supported"));
        }
        String address = path.get().address();
        boolean postmaster = address.equalsIgnoreCase("postmaster");
        if (address.isEmpty() || !(postmaster || MailPath.looksLikeMailbox(address))) {
            return error(SmtpReply.of(501, "5.1.3 bad recipient address syntax"));
        }
        if (!smtpUtf8 && !MailPath.isAscii(address)) {
            return error(SmtpReply.of(553, "5.6.7 non-ASCII address needs the SMTPUTF8 parameter"));
        }
        if (recipients.size() >= MAX_RECIPIENTS) {
            counters.recipientsRejected.increment();
            return reply(SmtpReply.of(452, "4.5.3 too many recipients"));
        }
        Optional<SmtpReply> verdict = handler.onRecipient(connection(), mailFrom, address);
        if (verdict.isPresent() && !verdict.get().isPositive()) {
            counters.recipientsRejected.increment();
            return refuse(verdict.get());
        }
        recipients.add(address);
        counters.recipientsAccepted.increment();
        return reply(verdict.orElse(SmtpReply.of(250, "2.1.5 recipient <" + address + "> ok")));
    }

    private boolean data(String argument) throws IOException {
        if (!argument.isEmpty()) {
            return error(SmtpReply.of(501, "5.5.4 DATA takes no parameters"));
        }
        if (mailFrom == null) {
            return error(SmtpReply.of(503, "5.5.1 need MAIL before DATA"));
        }
        if (recipients.isEmpty()) {
            return error(SmtpReply.of(554, "5.5.1 no valid recipients"));
        }
        reply(SmtpReply.of(354, "end data with <CR><LF>.<CR><LF>"));
        long max = settings.maxMessageSize();
        ByteArrayOutputStream content = new ByteArrayOutputStream(8192);
        long size = 0;
        boolean lineTooLong = false;
        while (true) {
            SmtpLineReader.Line line = in.read(TEXT_LINE_OCTETS + 2, true);
            if (line == null) {
                return false; // the client vanished mid-message: nothing is delivered
            }
            if (line.isEndOfData()) {
                break;
            }
            byte[] bytes = line.bytes();
            int skip = bytes.length > 0 && bytes[0] == '.' ? 1 : 0; // dot-unstuffing, RFC 5321 4.5.2
            lineTooLong |= line.tooLong();
            size += line.length() - skip;
            if (size <= max) {
                content.write(bytes, skip, bytes.length - skip);
            }
        }
        if (size > max) {
            return rejectMessage(tooLarge());
        }
        if (lineTooLong) {
            return rejectMessage(SmtpReply.of(554, "5.6.0 message has a line longer than " + TEXT_LINE_OCTETS + " octets"));
        }
        SmtpEnvelope envelope = new SmtpEnvelope(mailFrom, recipients);
        byte[] message = content.toByteArray();
        Optional<SmtpReply> verdict = handler.onEndOfData(connection(), envelope, message);
        if (verdict.isPresent() && !verdict.get().isPositive()) {
            return rejectMessage(verdict.get());
        }
        SmtpReply kept = handler.deliver(new SmtpMessage(connection(), envelope, mailParameters, protocol(), message));
        if (!kept.isPositive()) {
            return rejectMessage(kept);
        }
        counters.messagesAccepted.increment();
        resetTransaction();
        return reply(verdict.orElse(kept));
    }

    /** The transaction is over without a message; a 421 ends the connection too. */
    private boolean rejectMessage(SmtpReply reply) throws IOException {
        counters.messagesRejected.increment();
        resetTransaction();
        return refuse(reply);
    }

    private SmtpReply tooLarge() {
        return SmtpReply.of(552, "5.3.4 message size exceeds fixed maximum message size of " + settings.maxMessageSize()
                + " octets");
    }

    private String protocol() {
        if (!extended) {
            return "SMTP";
        }
        // WITH keywords registered by RFC 3848 and RFC 6531; an S for a session under TLS.
        return (smtpUtf8 ? "UTF8ESMTP" : "ESMTP") + (tls ? "S" : "");
    }

    private void resetTransaction() {
        mailFrom = null;
        mailParameters.clear();
        recipients.clear();
        smtpUtf8 = false;
    }

    private SmtpConnection connection() {
        return new SmtpConnection((InetSocketAddress) socket.getRemoteSocketAddress(), number, heloName);
    }

    private String host() {
        return settings.hostName();
    }

    /** A handler's refusal; 421 ends the connection. */
    private boolean refuse(SmtpReply reply) throws IOException {
        reply(reply);
        return !reply.closesConnection();
    }

    /** A client mistake; too many of them end the connection. */
    private boolean error(SmtpReply reply) throws IOException {
        reply(reply);
        if (++errors >= MAX_ERRORS) {
            reply(SmtpReply.of(421, "4.7.0 " + host() + " too many errors, closing connection"));
            return false;
        }
        return true;
    }

    /** Buffers a reply; the reader flushes before it waits for input. */
    private boolean reply(SmtpReply reply) throws IOException {
        out.write(reply.wire());
        return true;
    }

    private void tryToSay(SmtpReply reply) {
        try {
            out.write(reply.wire());
            out.flush();
        } catch (IOException ignored) {
            // the connection is being dropped anyway
        }
    }

    private static String verb(String command) {
        int space = command.indexOf(' ');
        return (space < 0 ? command : command.substring(0, space)).toUpperCase(Locale.ROOT);
    }
}
