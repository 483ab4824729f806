package com.emailengine.fleet.bounces;

import com.emailengine.core.smtp.SmtpReply;
import com.emailengine.fleet.metrics.FleetMetrics;
import com.emailengine.platform.runtime.Log;
import com.emailengine.platform.smtp.SmtpConnection;
import com.emailengine.platform.smtp.SmtpEnvelope;
import com.emailengine.platform.smtp.SmtpHandler;
import com.emailengine.platform.smtp.SmtpMessage;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The bounce listener's policy on platform's SMTP server: recipients in the return-path domains (and postmaster)
 * only, each accepted message kept raw through the {@link RawBounceArchive}, an ARF complaint counted per tenant.
 * Thread-safe as {@link SmtpHandler} requires: its own fields never change, and the archive, the metrics and the
 * complaint counters it calls are thread-safe.
 */
final class ReturnPathMailbox implements SmtpHandler {

    private final Map<String, String> tenantByDomain;
    private final BounceListener.Complaints complaints;
    private final RawBounceArchive archive;
    private final FleetMetrics metrics;
    private final Clock clock;

    /** @param tenantByDomain the return-path domains whose mail is taken (lower case), each with its tenant */
    ReturnPathMailbox(Map<String, String> tenantByDomain, BounceListener.Complaints complaints, RawBounceArchive archive,
                      FleetMetrics metrics, Clock clock) {
        this.tenantByDomain = Map.copyOf(tenantByDomain);
        this.complaints = complaints;
        this.archive = archive;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public Optional<SmtpReply> onRecipient(SmtpConnection connection, String sender, String recipient) {
        if (recipient.equalsIgnoreCase("postmaster") || tenantOf(recipient).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(SmtpReply.of(550, "5.7.1 <" + recipient
                + ">: relaying denied, this host takes mail for return-path domains only"));
    }

    /** 250 only once the message is stored and announced: a sender told 451 keeps it and tries again. */
    @Override
    public SmtpReply deliver(SmtpMessage message) {
        SmtpEnvelope envelope = message.envelope();
        InboundBounce kept;
        try {
            kept = archive.keep(message.content(), envelope.mailFrom(), envelope.recipients(),
                    message.connection().clientAddress().getHostAddress(), clock.instant());
        } catch (RuntimeException e) {
            Log.warn("fleet", "bounce not stored, sender told to retry: " + e);
            return SmtpReply.of(451, "4.3.0 cannot store the message now, try again later");
        }
        metrics.bouncesReceived.inc(kept.kind());
        if (kept.kind().equals("arf")) {
            FeedbackReport.read(message.content()).filter(FeedbackReport::complaint)
                    .ifPresent(report -> countComplaint(kept, report));
        }
        return SmtpReply.of(250, "2.0.0 stored as " + kept.key());
    }

    private Optional<String> tenantOf(String recipient) {
        int at = recipient.lastIndexOf('@');
        return at < 0 ? Optional.empty()
                : Optional.ofNullable(tenantByDomain.get(recipient.substring(at + 1).toLowerCase(Locale.ROOT)));
    }

    /** Once per tenant the report was addressed to; a failure to count never refuses the report. */
    private void countComplaint(InboundBounce stored, FeedbackReport report) {
        int at = stored.mailFrom().lastIndexOf('@');
        String reporter = at < 0 ? "" : stored.mailFrom().substring(at + 1).toLowerCase(Locale.ROOT);
        stored.recipients().stream().map(this::tenantOf).flatMap(Optional::stream).distinct().forEach(tenant -> {
            try {
                complaints.received(new BounceListener.Complaint(tenant, stored.key(), report.sourceIp(), reporter,
                        report.originalMessageId(), report.originalRecipient()));
            } catch (RuntimeException e) {
                Log.warn("fleet", "complaint of " + tenant + " not counted: " + e);
            }
        });
    }
}
