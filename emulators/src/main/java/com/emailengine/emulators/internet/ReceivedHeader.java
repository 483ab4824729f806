package com.emailengine.emulators.internet;

import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The trace header a receiving server puts on top of a message (RFC 5321 4.4). */
final class ReceivedHeader {

    /** RFC 5322 3.3 date-time with a numeric zone, e.g. {@code Tue, 3 Jun 2025 11:05:30 +0000}. */
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ReceivedHeader() {
    }

    /**
     * {@code protocol} is the WITH keyword registered for the session: SMTP, ESMTP or UTF8ESMTP.
     * The FOR clause names the recipient only when there is exactly one, as RFC 5321 4.4 allows
     * and as Postfix does, so a message for several people does not reveal the others.
     */
    static String format(String helo, InetAddress client, String host, String protocol, String id,
                         List<String> recipients, Instant at) {
        StringBuilder header = new StringBuilder()
                .append("Received: from ").append(helo).append(" ([").append(client.getHostAddress()).append("])\r\n")
                .append("\tby ").append(host).append(" with ").append(protocol).append(" id ").append(id);
        if (recipients.size() == 1) {
            header.append("\r\n\tfor <").append(recipients.getFirst()).append('>');
        }
        return header.append("; ").append(DATE.format(at)).append("\r\n").toString();
    }
}
