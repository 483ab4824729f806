package com.emailengine.fleet.delivery;

import com.emailengine.adapters.ledger.DeliveryLedger;
import com.emailengine.core.config.DeliveryPolicy;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.InvalidEmailAddressException;
import com.emailengine.core.delivery.DeliveryEvent;
import com.emailengine.core.delivery.DeliveryEventSink;
import com.emailengine.core.delivery.DeliveryOutcome;
import com.emailengine.core.delivery.MimeComposer;
import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.core.delivery.RetrySchedule;
import com.emailengine.core.dns.MailHost;
import com.emailengine.core.dns.MailRoute;
import com.emailengine.core.dns.MailRouteResolver;
import com.emailengine.core.json.Json;
import com.emailengine.core.smtp.SmtpStage;
import com.emailengine.core.tenant.SendingAddress;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.core.throttle.Provider;
import com.emailengine.core.throttle.ThrottleLimits;
import com.emailengine.fleet.ip.SendingSlot;
import com.emailengine.fleet.ip.SourceSelector;
import com.emailengine.fleet.metrics.FleetMetrics;
import com.emailengine.fleet.signing.MessageSigner;
import com.emailengine.fleet.smtp.HostReply;
import com.emailengine.fleet.smtp.SmtpHandoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything one outbound message goes through on a fleet node: find the MX and the provider it rolls up
 * to, choose a source IP of the tenant's pool that may send there now (lease, warmup quota, throttles),
 * claim the message in the ledger (so it is sent at most once), compose and DKIM-sign it, hand it over by
 * SMTP within the claim's time, record the outcome and publish it as an event. A message no IP may send
 * yet goes back to its queue without a claim or an event. Thread-safe: many messages are processed
 * concurrently.
 */
public final class OutboundDelivery {

    /** The SMTP transaction must end this long before the claim does, so no other node can start on the message meanwhile. */
    private static final Duration CLAIM_MARGIN = Duration.ofSeconds(10);

    private final EngineConfig config;
    private final DeliveryPolicy policy;
    private final DeliveryLedger ledger;
    private final MimeComposer composer;
    private final MessageSigner signer;
    private final SourceSelector selector;
    private final MailRouteResolver routes;
    private final SmtpHandoff smtp;
    private final DeliveryEventSink events;
    private final RetrySchedule retry;
    private final String node;
    private final Duration lease;
    private final FleetMetrics metrics;
    private final Clock clock;
    private volatile boolean halted;

    public OutboundDelivery(EngineConfig config, DeliveryPolicy policy, DeliveryLedger ledger, MimeComposer composer,
                            MessageSigner signer, SourceSelector selector, MailRouteResolver routes, SmtpHandoff smtp,
                            DeliveryEventSink events, RetrySchedule retry, String node, Duration lease, FleetMetrics metrics,
                            Clock clock) {
        this.config = config;
        this.policy = policy;
        this.ledger = ledger;
        this.composer = composer;
        this.signer = signer;
        this.selector = selector;
        this.routes = routes;
        this.smtp = smtp;
        this.events = events;
        this.retry = retry;
        this.node = node;
        this.lease = lease;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Disposition process(OutboundMessage message) {
        Tenant tenant = config.tenants().find(message.tenantId()).orElse(null);
        if (tenant == null) {
            return decide(message, retry, DeliveryOutcome.BOUNCED, HostReply.none(
                    "local: tenant " + message.tenantId() + " is no longer configured", ""));
        }
        EmailAddress recipient;
        try {
            recipient = EmailAddress.parse(message.recipient());
        } catch (InvalidEmailAddressException e) {
            // No later attempt can do better; thrown, the message would come back until it reached the DLQ.
            return decide(message, retry, DeliveryOutcome.BOUNCED, HostReply.of(
                    "553 5.1.3 recipient address is not usable (" + e.reason() + "): " + e.getMessage(), "", SmtpStage.NONE));
        }
        if (retry.expired(message.createdAt(), clock.instant())) {
            return expire(message, retry);
        }
        MailRoute route = routes.resolve(recipient.asciiDomain());
        if (route instanceof MailRoute.NoMail noMail) {
            String reply = noMail.reason().equals("null_mx")
                    ? "556 5.1.10 " + recipient.asciiDomain() + " does not accept mail (null MX)"
                    : "550 5.1.2 " + recipient.asciiDomain() + " has no mail host (" + noMail.reason() + ")";
            return decide(message, retry, DeliveryOutcome.BOUNCED, HostReply.of(reply, "", SmtpStage.NONE));
        }
        if (route instanceof MailRoute.Unknown unknown) {
            return decide(message, retry, DeliveryOutcome.DEFERRED,
                    HostReply.none("451 4.4.3 DNS lookup of " + recipient.asciiDomain() + " failed (" + unknown.reason() + ")", ""));
        }
        List<MailHost> hosts = ((MailRoute.Hosts) route).hosts();
        Provider provider = policy.throttles().providerFor(recipient.asciiDomain(), hosts.getFirst().name());
        RetrySchedule schedule = scheduleFor(provider.limits());
        if (schedule.expired(message.createdAt(), clock.instant())) {
            return expire(message, schedule);
        }
        SourceSelector.Choice choice = selector.choose(tenant, provider, policy.warmup().shareGroup(provider.name()));
        if (choice instanceof SourceSelector.Wait wait) {
            metrics.waits.inc(tenant.id(), provider.name());
            return new Disposition.RetryAfter(wait.delay());
        }
        SendingSlot slot = ((SourceSelector.Chosen) choice).slot();
        Instant now = clock.instant();
        DeliveryLedger.Claim claim;
        try {
            claim = ledger.claim(message.id(), node, now, lease);
        } catch (RuntimeException e) {
            slot.cancel();
            throw e;
        }
        if (claim.status() != DeliveryLedger.ClaimStatus.CLAIMED) {
            slot.cancel();
            return notClaimed(claim, now);
        }
        HostReply reply;
        try {
            if (halted) {
                throw new IllegalStateException("node halted after claiming " + message.id());
            }
            byte[] signed = signer.sign(tenant, composer.compose(message, tenant.sendingDomain()));
            Instant deadline = claim.leaseUntil().orElse(now.plus(lease)).minus(margin());
            reply = smtp.deliver(slot.channel(), hosts, new SmtpHandoff.Envelope(message.returnPath(), recipient.asciiForm(), signed,
                    policy.throttles().tlsFor(recipient.asciiDomain(), provider), provider.limits().messagesPerConnection()), deadline);
        } catch (RuntimeException e) {
            slot.cancel();
            throw e;
        }
        slot.sent(reply);
        return finish(message, claim.attempt(), reply.replyClass().outcome(), slot.address(), reply, schedule);
    }

    /**
     * Makes every message from now on stop after its claim, before SMTP, as if the node had died there: the
     * claim runs out and another node takes the message. For tests of takeover (see {@link FleetNode#kill}).
     */
    public void halt() {
        halted = true;
    }

    private Duration margin() {
        Duration quarter = lease.dividedBy(4);
        return quarter.compareTo(CLAIM_MARGIN) < 0 ? quarter : CLAIM_MARGIN;
    }

    private RetrySchedule scheduleFor(ThrottleLimits limits) {
        return new RetrySchedule(limits.retryAfter().orElse(retry.firstDelay()), retry.maxDelay(),
                limits.bounceAfter().orElse(retry.maxAge()));
    }

    private Disposition expire(OutboundMessage message, RetrySchedule schedule) {
        return decide(message, schedule, DeliveryOutcome.EXPIRED, HostReply.none(
                "local: gave up after " + schedule.maxAge().toHours() + " h of temporary failures", ""));
    }

    /** An outcome reached without SMTP: claimed and recorded like any other. */
    private Disposition decide(OutboundMessage message, RetrySchedule schedule, DeliveryOutcome outcome, HostReply reply) {
        Instant now = clock.instant();
        DeliveryLedger.Claim claim = ledger.claim(message.id(), node, now, lease);
        if (claim.status() != DeliveryLedger.ClaimStatus.CLAIMED) {
            return notClaimed(claim, now);
        }
        return finish(message, claim.attempt(), outcome, null, reply, schedule);
    }

    private Disposition notClaimed(DeliveryLedger.Claim claim, Instant now) {
        if (claim.status() == DeliveryLedger.ClaimStatus.FINISHED) {
            // Sent before; the event may not have gone out if the node died right after, so send it again.
            claim.finalEventJson().ifPresent(events::publishJson);
            return new Disposition.Delete();
        }
        Duration wait = Duration.between(now, claim.leaseUntil().orElse(now)).plusSeconds(1);
        return new Disposition.HeldElsewhere(wait.isNegative() ? Duration.ofSeconds(1) : wait);
    }

    private Disposition finish(OutboundMessage message, int attempt, DeliveryOutcome outcome, SendingAddress source,
                               HostReply reply, RetrySchedule schedule) {
        Instant now = clock.instant();
        DeliveryEvent event = new DeliveryEvent(message.id() + ":" + attempt + ":" + outcome.wireName(), message.id(),
                message.tenantId(), message.contactId(), message.campaignId(), message.step(), attempt, outcome,
                message.recipient(), source == null ? null : source.ip(), reply.mxHost(),
                reply.reply().toString(), now);
        String json = Json.write(event);
        if (!ledger.record(message.id(), attempt, outcome, json, now)) {
            // Our lease ran out and another node claimed the message; that node owns the outcome now.
            return new Disposition.HeldElsewhere(lease);
        }
        events.publish(event);
        if (outcome == DeliveryOutcome.EXPIRED) {
            metrics.messages.inc(source == null ? "" : source.ip(), "", "expired");
        }
        return outcome == DeliveryOutcome.DEFERRED ? new Disposition.RetryAfter(schedule.delayAfter(attempt))
                : new Disposition.Delete();
    }
}
