package com.emailengine.fleet.bounces;

import com.emailengine.fleet.metrics.FleetMetrics;
import com.emailengine.platform.runtime.Log;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SMTP server behind the tenants' return-path MX ({@code mx.bounces.<domain>}): it takes mail for the
 * return-path domains only (DSNs to VERP addresses, ARF complaint reports, auto-replies), keeps each message
 * raw through a {@link RawBounceArchive} and answers 250 once it is stored and announced. Anything for
 * another domain is refused (550 5.7.1, no relaying). It parses nothing: classification is the bounce
 * parser's job — except that an ARF report (a complaint) is counted at once against the tenant whose
 * return-path domain received it, because the complaint-rate alarm must not wait for a parser.
 * Each connection runs on a virtual thread.
 */
public final class BounceListener implements AutoCloseable {

    /** Where complaints are counted: CloudWatch through the agent on a node, and the sending IP's warm-up. */
    @FunctionalInterface
    public interface Complaints {
        Complaints UNCOUNTED = complaint -> { };

        void received(Complaint complaint);
    }

    /**
     * One complaint about a tenant's mail.
     *
     * @param report   the key of the stored report
     * @param sourceIp the sending address the report names, if any
     * @param reporter the domain of the report's envelope sender (which provider's feedback loop), may be empty
     * @param originalMessageId the Message-ID of the reported message, when the report includes its headers
     */
    public record Complaint(String tenantId, String report, Optional<String> sourceIp, String reporter,
                            Optional<String> originalMessageId) {
    }

    /** RFC 3461 DSNs and ARF reports are small; a large message here is not a bounce. */
    static final int MAX_MESSAGE = 10 * 1024 * 1024;
    private static final int MAX_LINE = 4096;
    private static final Duration IDLE = Duration.ofMinutes(2);

    private final ServerSocket server;
    private final Map<String, String> tenantByDomain;
    private final Complaints complaints;
    private final RawBounceArchive archive;
    private final FleetMetrics metrics;
    private final Clock clock;
    private final String hostName;
    private volatile boolean closed;

    private BounceListener(ServerSocket server, Map<String, String> tenantByDomain, Complaints complaints, RawBounceArchive archive,
                           FleetMetrics metrics, Clock clock, String hostName) {
        this.server = server;
        this.tenantByDomain = tenantByDomain;
        this.complaints = complaints;
        this.archive = archive;
        this.metrics = metrics;
        this.clock = clock;
        this.hostName = hostName;
    }

    /** @param tenantByDomain the return-path domains whose mail is taken (lower case), each with its tenant */
    public static BounceListener start(InetSocketAddress address, Map<String, String> tenantByDomain, Complaints complaints,
                                       RawBounceArchive archive, FleetMetrics metrics, Clock clock, String hostName)
            throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(address, 100);
        BounceListener listener = new BounceListener(server, Map.copyOf(tenantByDomain), complaints, archive, metrics, clock,
                hostName);
        Thread.ofVirtual().name("ee-bounces-accept").start(listener::accept);
        Log.info("fleet", "bounce listener on " + listener.address() + " for " + tenantByDomain.keySet());
        return listener;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().name("ee-bounces-session").start(() -> session(client));
            } catch (IOException e) {
                if (!closed) {
                    Log.warn("fleet", "bounce listener accept failed: " + e);
                }
            }
        }
    }

    private void session(Socket client) {
        try (client) {
            client.setSoTimeout((int) IDLE.toMillis());
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = new BufferedOutputStream(client.getOutputStream());
            String clientIp = ((InetSocketAddress) client.getRemoteSocketAddress()).getAddress().getHostAddress();
            reply(out, "220 " + hostName + " ESMTP Email-Engine bounce listener");
            String mailFrom = null;
            List<String> recipients = new ArrayList<>();
            boolean greeted = false;
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO ") || upper.startsWith("HELO ")) {
                    greeted = true;
                    mailFrom = null;
                    recipients.clear();
                    reply(out, upper.startsWith("EHLO") ? "250-" + hostName + "\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SIZE "
                            + MAX_MESSAGE + "\r\n250 ENHANCEDSTATUSCODES" : "250 " + hostName);
                } else if (upper.startsWith("MAIL FROM:")) {
                    if (!greeted) {
                        reply(out, "503 5.5.1 EHLO first");
                    } else if (mailFrom != null) {
                        reply(out, "503 5.5.1 sender already given");
                    } else {
                        mailFrom = path(line.substring(10));
                        reply(out, "250 2.1.0 ok");
                    }
                } else if (upper.startsWith("RCPT TO:")) {
                    String to = path(line.substring(8));
                    if (mailFrom == null) {
                        reply(out, "503 5.5.1 MAIL first");
                    } else if (!accepts(to)) {
                        reply(out, "550 5.7.1 <" + to + ">: relaying denied, this host takes mail for return-path domains only");
                    } else {
                        recipients.add(to);
                        reply(out, "250 2.1.5 ok");
                    }
                } else if (upper.equals("DATA")) {
                    if (mailFrom == null || recipients.isEmpty()) {
                        reply(out, "503 5.5.1 no valid recipients");
                        continue;
                    }
                    reply(out, "354 end with <CRLF>.<CRLF>");
                    byte[] message = readData(in);
                    if (message == null) {
                        reply(out, "552 5.3.4 message larger than " + MAX_MESSAGE + " octets");
                    } else {
                        try {
                            InboundBounce kept = archive.keep(message, mailFrom, recipients, clientIp, clock.instant());
                            metrics.bouncesReceived.inc(kept.kind());
                            if (kept.kind().equals("arf")) {
                                FeedbackReport.read(message).filter(FeedbackReport::complaint)
                                        .ifPresent(report -> countComplaint(kept, report));
                            }
                            reply(out, "250 2.0.0 stored as " + kept.key());
                        } catch (RuntimeException e) {
                            Log.warn("fleet", "bounce not stored, sender told to retry: " + e);
                            reply(out, "451 4.3.0 cannot store the message now, try again later");
                        }
                    }
                    mailFrom = null;
                    recipients.clear();
                } else if (upper.equals("RSET")) {
                    mailFrom = null;
                    recipients.clear();
                    reply(out, "250 2.0.0 ok");
                } else if (upper.equals("NOOP")) {
                    reply(out, "250 2.0.0 ok");
                } else if (upper.equals("QUIT")) {
                    reply(out, "221 2.0.0 bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 command not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away; an unfinished message was not stored
        }
    }

    private boolean accepts(String recipient) {
        return recipient.equalsIgnoreCase("postmaster") || tenantOf(recipient).isPresent();
    }

    private Optional<String> tenantOf(String recipient) {
        int at = recipient.lastIndexOf('@');
        return at < 0 ? Optional.empty() : Optional.ofNullable(tenantByDomain.get(recipient.substring(at + 1).toLowerCase(Locale.ROOT)));
    }

    /** Once per tenant the report was addressed to; a failure to count never refuses the report. */
    private void countComplaint(InboundBounce stored, FeedbackReport report) {
        int at = stored.mailFrom().lastIndexOf('@');
        String reporter = at < 0 ? "" : stored.mailFrom().substring(at + 1).toLowerCase(Locale.ROOT);
        stored.recipients().stream().map(this::tenantOf).flatMap(Optional::stream).distinct().forEach(tenant -> {
            try {
                complaints.received(new Complaint(tenant, stored.key(), report.sourceIp(), reporter, report.originalMessageId()));
            } catch (RuntimeException e) {
                Log.warn("fleet", "complaint of " + tenant + " not counted: " + e);
            }
        });
    }

    private static String path(String argument) {
        String text = argument.strip();
        int open = text.indexOf('<');
        int close = text.indexOf('>', open + 1);
        if (open >= 0 && close > open) {
            return text.substring(open + 1, close);
        }
        int space = text.indexOf(' ');
        return space < 0 ? text : text.substring(0, space);
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            if (line.size() < MAX_LINE) {
                line.write(c);
            }
        }
        return null;
    }

    /** The message with CRLF line ends and dots unstuffed; null when it exceeded the size limit. */
    private static byte[] readData(InputStream in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream(8192);
        boolean tooLarge = false;
        while (true) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.write(c);
            }
            if (c < 0) {
                throw new IOException("connection closed in DATA");
            }
            byte[] bytes = line.toByteArray();
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            if (length == 1 && bytes[0] == '.') {
                return tooLarge ? null : message.toByteArray();
            }
            int skip = length > 0 && bytes[0] == '.' ? 1 : 0;
            if (message.size() + length > MAX_MESSAGE) {
                tooLarge = true;
                continue;
            }
            message.write(bytes, skip, length - skip);
            message.write('\r');
            message.write('\n');
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // the port is free either way
        }
    }
}
