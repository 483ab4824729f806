package com.emailengine.core.delivery;

import com.emailengine.core.api.Rejection;
import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.core.suppression.SuppressionList;
import com.emailengine.core.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a test-send must pass before it is queued (D40): the recipient is on the tenant's test list, not suppressed
 * (globally or for the tenant: a test-send obeys the rules campaign mail obeys), and the tenant has not sent more than
 * its share of test-sends in the last minute. The rate is held per process (a function's execution environment): the
 * list, not the rate, is what keeps test-sends to the operators' own mailboxes. Thread-safe.
 */
public final class TestSendGate {

    /** Test-sends per tenant and minute: enough to check a template in every language, far from a mailing. */
    public static final int PER_MINUTE = 20;
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final SuppressionList suppressions;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    public TestSendGate(SuppressionList suppressions, Clock clock) {
        this.suppressions = suppressions;
        this.clock = clock;
    }

    /** Why this test-send must not go, or empty when it may (and then it is counted). */
    public Optional<Rejection> refusal(Tenant tenant, EmailAddress recipient) {
        if (!tenant.testRecipients().allows(recipient)) {
            return Optional.of(new Rejection(403, "test_recipient_not_allowed", null, "to", tenant.testRecipients().isEmpty()
                    ? "tenant " + tenant.id() + " has no test recipients: list them under test-recipients in tenants.yaml"
                    : recipient.value() + " is not one of tenant " + tenant.id() + "'s test recipients (tenants.yaml)"));
        }
        EmailHash id = EmailHash.of(recipient);
        if (!suppressions.suppressed(tenant.id(), List.of(id)).isEmpty()) {
            return Optional.of(new Rejection(422, "suppressed", null, "to", recipient.value() + " is on a suppression list"));
        }
        Instant now = clock.instant();
        Deque<Instant> sent = recent.computeIfAbsent(tenant.id(), t -> new ArrayDeque<>());
        synchronized (sent) {
            while (!sent.isEmpty() && !sent.peekFirst().isAfter(now.minus(WINDOW))) {
                sent.pollFirst();
            }
            if (sent.size() >= PER_MINUTE) {
                return Optional.of(new Rejection(429, "test_send_rate_limited", null, null, "tenant " + tenant.id()
                        + " sent " + PER_MINUTE + " test-sends in the last minute; try again in a minute"));
            }
            sent.addLast(now);
        }
        return Optional.empty();
    }
}
