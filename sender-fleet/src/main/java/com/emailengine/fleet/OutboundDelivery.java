package com.emailengine.fleet;

import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.InvalidEmailAddressException;
import com.emailengine.core.delivery.DeliveryEvent;
import com.emailengine.core.delivery.DeliveryOutcome;
import com.emailengine.core.delivery.MimeComposer;
import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.core.delivery.RetrySchedule;
import com.emailengine.core.dns.MailRoute;
import com.emailengine.core.dns.MailRouteResolver;
import com.emailengine.core.json.Json;
import com.emailengine.core.tenant.SendingAddress;
import com.emailengine.core.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Everything one outbound message goes through on a fleet node: claim it in the ledger (so it is sent
 * at most once), compose and DKIM-sign it, pick a source address from the tenant's pool, find the MX,
 * hand it over by SMTP, record the outcome and publish it as an event. Thread-safe: many messages are
 * processed concurrently.
 */
public final class OutboundDelivery {

    private final EngineConfig config;
    private final DeliveryLedger ledger;
    private final MimeComposer composer;
    private final MessageSigner signer;
    private final SourceAddressPicker picker;
    private final MailRouteResolver routes;
    private final SmtpHandoff smtp;
    private final DeliveryEventSink events;
    private final RetrySchedule retry;
    private final String node;
    private final Duration lease;
    private final Clock clock;

    public OutboundDelivery(EngineConfig config, DeliveryLedger ledger, MimeComposer composer, MessageSigner signer,
                            SourceAddressPicker picker, MailRouteResolver routes, SmtpHandoff smtp,
                            DeliveryEventSink events, RetrySchedule retry, String node, Duration lease, Clock clock) {
        this.config = config;
        this.ledger = ledger;
        this.composer = composer;
        this.signer = signer;
        this.picker = picker;
        this.routes = routes;
        this.smtp = smtp;
        this.events = events;
        this.retry = retry;
        this.node = node;
        this.lease = lease;
        this.clock = clock;
    }

    public Disposition process(OutboundMessage message) {
        Instant now = clock.instant();
        DeliveryLedger.Claim claim = ledger.claim(message.id(), node, now, lease);
        switch (claim.status()) {
            case FINISHED -> {
                // Sent before; the event may not have gone out if the node died right after, so send it again.
                claim.finalEventJson().ifPresent(events::publishJson);
                return new Disposition.Delete();
            }
            case HELD_ELSEWHERE -> {
                Duration wait = Duration.between(now, claim.leaseUntil().orElse(now)).plusSeconds(1);
                return new Disposition.HeldElsewhere(wait.isNegative() ? Duration.ofSeconds(1) : wait);
            }
            case CLAIMED -> {
                return attempt(message, claim.attempt(), now);
            }
        }
        throw new IllegalStateException("unknown claim status " + claim.status());
    }

    private Disposition attempt(OutboundMessage message, int attempt, Instant now) {
        Tenant tenant = config.tenants().find(message.tenantId()).orElse(null);
        if (tenant == null) {
            return finish(message, attempt, DeliveryOutcome.BOUNCED, null, new SmtpReply(0,
                    "local: tenant " + message.tenantId() + " is no longer configured", ""));
        }
        if (retry.expired(message.createdAt(), now)) {
            return finish(message, attempt, DeliveryOutcome.EXPIRED, null, new SmtpReply(0,
                    "local: gave up after " + retry.maxAge().toHours() + " h of temporary failures", ""));
        }
        EmailAddress recipient;
        try {
            recipient = EmailAddress.parse(message.recipient());
        } catch (InvalidEmailAddressException e) {
            // No later attempt can do better; thrown, the message would come back until it reached the DLQ.
            return finish(message, attempt, DeliveryOutcome.BOUNCED, null, new SmtpReply(553,
                    "553 5.1.3 recipient address is not usable (" + e.reason() + "): " + e.getMessage(), ""));
        }
        MailRoute route = routes.resolve(recipient.asciiDomain());
        if (route instanceof MailRoute.NoMail noMail) {
            String reply = noMail.reason().equals("null_mx")
                    ? "556 5.1.10 " + recipient.asciiDomain() + " does not accept mail (null MX)"
                    : "550 5.1.2 " + recipient.asciiDomain() + " has no mail host (" + noMail.reason() + ")";
            return finish(message, attempt, DeliveryOutcome.BOUNCED, null, new SmtpReply(Integer.parseInt(reply.substring(0, 3)),
                    reply, ""));
        }
        if (route instanceof MailRoute.Unknown unknown) {
            return finish(message, attempt, DeliveryOutcome.DEFERRED, null,
                    new SmtpReply(0, "451 4.4.3 DNS lookup of " + recipient.asciiDomain() + " failed (" + unknown.reason() + ")", ""));
        }
        SendingAddress source = picker.next(tenant);
        byte[] signed = signer.sign(tenant, composer.compose(message, tenant.sendingDomain()));
        SmtpReply reply = smtp.deliver(source, ((MailRoute.Hosts) route).hosts(), message.returnPath(),
                recipient.asciiForm(), signed);
        DeliveryOutcome outcome = reply.accepted() ? DeliveryOutcome.DELIVERED
                : reply.permanentFailure() ? DeliveryOutcome.BOUNCED : DeliveryOutcome.DEFERRED;
        return finish(message, attempt, outcome, source, reply);
    }

    private Disposition finish(OutboundMessage message, int attempt, DeliveryOutcome outcome, SendingAddress source,
                               SmtpReply reply) {
        Instant now = clock.instant();
        DeliveryEvent event = new DeliveryEvent(message.id() + ":" + attempt + ":" + outcome.wireName(), message.id(),
                message.tenantId(), message.contactId(), message.campaignId(), message.step(), attempt, outcome,
                message.recipient(), source == null ? null : source.ip(), reply.mxHost(),
                reply.code() > 0 && !reply.text().startsWith(Integer.toString(reply.code()))
                        ? reply.code() + " " + reply.text() : reply.text(), now);
        String json = Json.write(event);
        if (!ledger.record(message.id(), attempt, outcome, json, now)) {
            // Our lease ran out and another node claimed the message; that node owns the outcome now.
            return new Disposition.HeldElsewhere(lease);
        }
        events.publish(event);
        return outcome == DeliveryOutcome.DEFERRED ? new Disposition.RetryAfter(retry.delayAfter(attempt))
                : new Disposition.Delete();
    }
}
