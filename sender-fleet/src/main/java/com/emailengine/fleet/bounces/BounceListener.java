package com.emailengine.fleet.bounces;

import com.emailengine.fleet.metrics.FleetMetrics;
import com.emailengine.platform.runtime.Log;
import com.emailengine.platform.smtp.SmtpServer;
import com.emailengine.platform.smtp.SmtpServerSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The SMTP server behind the tenants' return-path MX ({@code mx.bounces.<domain>}): it takes mail for the
 * return-path domains only (DSNs to VERP addresses, ARF complaint reports, auto-replies), keeps each message
 * raw through a {@link RawBounceArchive} and answers 250 once it is stored and announced, 451 otherwise. Anything
 * for another domain is refused (550 5.7.1, no relaying). It parses nothing: classification is the bounce
 * parser's job — except that an ARF report (a complaint) is counted at once against the tenant whose
 * return-path domain received it, because the complaint-rate alarm must not wait for a parser.
 *
 * <p>The protocol is platform's {@link SmtpServer} (the core the local sinks run on: pipelining, SIZE refused at
 * MAIL FROM and at end of data, line and recipient limits, timeouts, a virtual thread per connection); the policy
 * is {@link ReturnPathMailbox}.
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
     * @param originalRecipient whom the reported message went to, when the report says
     */
    public record Complaint(String tenantId, String report, Optional<String> sourceIp, String reporter,
                            Optional<String> originalMessageId, Optional<String> originalRecipient) {
    }

    /** RFC 3461 DSNs and ARF reports are small; a large message here is not a bounce. */
    static final int MAX_MESSAGE = 10 * 1024 * 1024;
    private static final Duration IDLE = Duration.ofMinutes(2);

    private final SmtpServer server;

    private BounceListener(SmtpServer server) {
        this.server = server;
    }

    /** @param tenantByDomain the return-path domains whose mail is taken (lower case), each with its tenant */
    public static BounceListener start(InetSocketAddress address, Map<String, String> tenantByDomain, Complaints complaints,
                                       RawBounceArchive archive, FleetMetrics metrics, Clock clock, String hostName)
            throws IOException {
        SmtpServerSettings settings = new SmtpServerSettings("ee-bounces", address, hostName,
                "ESMTP Email-Engine bounce listener", MAX_MESSAGE, IDLE);
        BounceListener listener = new BounceListener(SmtpServer.start(settings,
                new ReturnPathMailbox(tenantByDomain, complaints, archive, metrics, clock)));
        Log.info("fleet", "bounce listener on " + listener.address() + " for " + tenantByDomain.keySet());
        return listener;
    }

    public InetSocketAddress address() {
        return server.address();
    }

    /** Stops listening and drops open connections; a message still arriving is not stored (its sender retries). */
    @Override
    public void close() {
        server.close();
    }
}
