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
import java.util.Optional;

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

    /** The parts a message goes through, in the order it meets them. */
    public record Stages(MailRouteResolver routes, SourceSelector sources, DeliveryLedger ledger, MimeComposer composer,
                         MessageSigner signer, SmtpHandoff smtp, DeliveryEventSink events) {
    }

    /**
     * Who delivers and under which limits.
     *
     * @param node  the node's name in the claims it writes
     * @param lease how long a claim holds a message for this node
     * @param retry the default retry schedule (a provider's throttles may shorten or lengthen it)
     */
    public record Terms(String node, Duration lease, RetrySchedule retry) {
    }

    public OutboundDelivery(EngineConfig config, DeliveryPolicy policy, Stages stages, Terms terms, FleetMetrics metrics,
                            Clock clock) {
        this.config = config;
        this.policy = policy;
        this.ledger = stages.ledger();
        this.composer = stages.composer();
        this.signer = stages.signer();
        this.selector = stages.sources();
        this.routes = stages.routes();
        this.smtp = stages.smtp();
        this.events = stages.events();
        this.retry = terms.retry();
        this.node = terms.node();
        this.lease = terms.lease();
        this.metrics = metrics;
        this.clock = clock;
    }

    /** One message's state along the steps. */
    private static final class Attempt {
        final OutboundMessage message;
        Tenant tenant;
        EmailAddress recipient;
        List<MailHost> hosts;
        Provider provider;
        RetrySchedule schedule;
        SendingSlot slot;
        DeliveryLedger.Claim claim;

        Attempt(OutboundMessage message) {
            this.message = message;
        }
    }

    /**
     * The message's way, as a table of contents: each step either lets it go on or ends this processing with what to
     * do with the queue message (delete, retry later, leave to the node holding it).
     */
    public Disposition process(OutboundMessage message) {
        Attempt attempt = new Attempt(message);
        return tenantStillConfigured(attempt)
                .or(() -> recipientUsable(attempt))
                .or(() -> notExpired(attempt, retry))
                .or(() -> mailHostsFound(attempt))
                .or(() -> notExpired(attempt, attempt.schedule))
                .or(() -> sourceIpChosen(attempt))
                .or(() -> claimedHere(attempt))
                .orElseGet(() -> handedOver(attempt));
    }

    private Optional<Disposition> tenantStillConfigured(Attempt attempt) {
        attempt.tenant = config.tenants().find(attempt.message.tenantId()).orElse(null);
        return attempt.tenant != null ? Optional.empty() : Optional.of(decide(attempt.message, retry, DeliveryOutcome.BOUNCED,
                HostReply.none("local: tenant " + attempt.message.tenantId() + " is no longer configured", "")));
    }

    /** No later attempt can do better with an unusable address; thrown, the message would come back until the DLQ. */
    private Optional<Disposition> recipientUsable(Attempt attempt) {
        try {
            attempt.recipient = EmailAddress.parse(attempt.message.recipient());
            return Optional.empty();
        } catch (InvalidEmailAddressException e) {
            return Optional.of(decide(attempt.message, retry, DeliveryOutcome.BOUNCED, HostReply.of(
                    "553 5.1.3 recipient address is not usable (" + e.reason() + "): " + e.getMessage(), "", SmtpStage.NONE)));
        }
    }

    private Optional<Disposition> notExpired(Attempt attempt, RetrySchedule schedule) {
        return schedule.expired(attempt.message.createdAt(), clock.instant())
                ? Optional.of(expire(attempt.message, schedule)) : Optional.empty();
    }

    /** The MX hosts, and the provider they roll up to (whose throttles give the retry schedule). */
    private Optional<Disposition> mailHostsFound(Attempt attempt) {
        String domain = attempt.recipient.asciiDomain();
        MailRoute route = routes.resolve(domain);
        if (route instanceof MailRoute.NoMail noMail) {
            String reply = noMail.reason().equals("null_mx")
                    ? "556 5.1.10 " + domain + " does not accept mail (null MX)"
                    : "550 5.1.2 " + domain + " has no mail host (" + noMail.reason() + ")";
            return Optional.of(decide(attempt.message, retry, DeliveryOutcome.BOUNCED, HostReply.of(reply, "", SmtpStage.NONE)));
        }
        if (route instanceof MailRoute.Unknown unknown) {
            return Optional.of(decide(attempt.message, retry, DeliveryOutcome.DEFERRED,
                    HostReply.none("451 4.4.3 DNS lookup of " + domain + " failed (" + unknown.reason() + ")", "")));
        }
        attempt.hosts = ((MailRoute.Hosts) route).hosts();
        attempt.provider = policy.throttles().providerFor(domain, attempt.hosts.getFirst().name());
        attempt.schedule = scheduleFor(attempt.provider.limits());
        return Optional.empty();
    }

    /** An IP of the tenant's pool that may send to this provider now; else the message waits on its queue, unclaimed. */
    private Optional<Disposition> sourceIpChosen(Attempt attempt) {
        SourceSelector.Choice choice = selector.choose(attempt.tenant, attempt.provider,
                policy.warmup().shareGroup(attempt.provider.name()));
        if (choice instanceof SourceSelector.Wait wait) {
            metrics.waits.inc(attempt.tenant.id(), attempt.provider.name());
            return Optional.of(new Disposition.RetryAfter(wait.delay()));
        }
        attempt.slot = ((SourceSelector.Chosen) choice).slot();
        return Optional.empty();
    }

    /** The claim in the ledger makes this node the only one to send the message (at most once, D6). */
    private Optional<Disposition> claimedHere(Attempt attempt) {
        Instant now = clock.instant();
        try {
            attempt.claim = ledger.claim(attempt.message.id(), node, now, lease);
        } catch (RuntimeException e) {
            attempt.slot.cancel();
            throw e;
        }
        if (attempt.claim.status() != DeliveryLedger.ClaimStatus.CLAIMED) {
            attempt.slot.cancel();
            return Optional.of(notClaimed(attempt.claim, now));
        }
        return Optional.empty();
    }

    /** Compose, sign, hand over by SMTP within the claim's time; then record and publish the outcome. */
    private Disposition handedOver(Attempt attempt) {
        OutboundMessage message = attempt.message;
        HostReply reply;
        try {
            if (halted) {
                throw new IllegalStateException("node halted after claiming " + message.id());
            }
            byte[] signed = signer.sign(attempt.tenant, composer.compose(message, attempt.tenant.sendingDomain()));
            Instant deadline = attempt.claim.leaseUntil().orElse(clock.instant().plus(lease)).minus(margin());
            reply = smtp.deliver(attempt.slot.channel(), attempt.hosts, new SmtpHandoff.Envelope(message.returnPath(),
                    attempt.recipient.asciiForm(), signed, policy.throttles().tlsFor(attempt.recipient.asciiDomain(),
                    attempt.provider), attempt.provider.limits().messagesPerConnection()), deadline);
        } catch (RuntimeException e) {
            attempt.slot.cancel();
            throw e;
        }
        attempt.slot.sent(reply);
        return finish(message, attempt.claim.attempt(), reply.replyClass().outcome(), attempt.slot.address(), reply,
                attempt.schedule);
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
