package com.emailengine.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.api.Rejection;
import com.emailengine.core.config.TwoTenantConfig;
import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.core.suppression.InMemorySuppressionList;
import com.emailengine.core.suppression.Suppression;
import com.emailengine.core.suppression.SuppressionList;
import com.emailengine.core.tenant.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestSendGateTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final String CAMPAIGNS = """
            campaigns:
              - { id: welcome, tenant: acme, steps: [ { template: welcome, delay: 0s } ] }
              - { id: welcome, tenant: globex, steps: [ { template: welcome, delay: 0s } ] }
            """;

    private final InMemorySuppressionList suppressions = new InMemorySuppressionList();
    private final Tenant acme = TwoTenantConfig.load(CAMPAIGNS, null, null).tenants().get(TwoTenantConfig.ACME);
    private final Tenant globex = TwoTenantConfig.load(CAMPAIGNS, null, null).tenants().get(TwoTenantConfig.GLOBEX);

    @Test
    void aListedAddressOrAnAddressOfAListedDomainMayReceiveATestSend() {
        TestSendGate gate = new TestSendGate(suppressions, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(gate.refusal(acme, EmailAddress.parse("OPS@acme.test"))).isEmpty();
        assertThat(gate.refusal(acme, EmailAddress.parse("lea@qa.acme.test"))).isEmpty();
    }

    @Test
    void anyOtherAddressIsRefusedWith403() {
        TestSendGate gate = new TestSendGate(suppressions, Clock.fixed(NOW, ZoneOffset.UTC));

        Optional<Rejection> stranger = gate.refusal(acme, EmailAddress.parse("victim@gmail.test"));
        Optional<Rejection> noList = gate.refusal(globex, EmailAddress.parse("ops@globex.test"));

        assertThat(stranger).hasValueSatisfying(r -> {
            assertThat(r.httpStatus()).isEqualTo(403);
            assertThat(r.code()).isEqualTo("test_recipient_not_allowed");
            assertThat(r.field()).isEqualTo("to");
        });
        assertThat(noList).hasValueSatisfying(r -> assertThat(r.message()).contains("has no test recipients"));
    }

    @Test
    void aSuppressedTestRecipientIsRefusedLikeAnyContact() {
        EmailAddress ops = EmailAddress.parse("ops@acme.test");
        suppressions.add(new Suppression(SuppressionList.GLOBAL, EmailHash.of(ops), "hard_bounce", "e1", NOW));
        TestSendGate gate = new TestSendGate(suppressions, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(gate.refusal(acme, ops)).hasValueSatisfying(r -> {
            assertThat(r.httpStatus()).isEqualTo(422);
            assertThat(r.code()).isEqualTo("suppressed");
        });
    }

    @Test
    void moreThanTwentyTestSendsAMinuteAreRefusedWith429UntilTheMinutePasses() {
        MutableClock clock = new MutableClock(NOW);
        TestSendGate gate = new TestSendGate(suppressions, clock);
        EmailAddress ops = EmailAddress.parse("ops@acme.test");
        for (int i = 0; i < TestSendGate.PER_MINUTE; i++) {
            assertThat(gate.refusal(acme, ops)).as("test-send %d", i + 1).isEmpty();
        }

        assertThat(gate.refusal(acme, ops)).hasValueSatisfying(r -> assertThat(r.httpStatus()).isEqualTo(429));
        clock.now = NOW.plusSeconds(61);
        assertThat(gate.refusal(acme, ops)).isEmpty();
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
