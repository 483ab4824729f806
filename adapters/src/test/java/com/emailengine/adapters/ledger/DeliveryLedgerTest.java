package com.emailengine.adapters.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.adapters.ledger.DeliveryLedger.Claim;
import com.emailengine.adapters.ledger.DeliveryLedger.ClaimStatus;
import com.emailengine.core.delivery.DeliveryOutcome;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.fixtures.EmulatedStage;
import com.emailengine.emulators.fixtures.SharedEmulators;
import com.emailengine.platform.topology.SystemTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link DeliveryLedger} against the local DynamoDB: claims as leases, the attempt number as fencing token.
 * Time is handed in, so leases expire without waiting.
 */
@ExtendWith(SharedEmulators.class)
class DeliveryLedgerTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(3);

    private static EmulatedStage stage;
    private static DeliveryLedger ledger;

    @BeforeAll
    static void provision(LocalEmulators emulators) {
        stage = EmulatedStage.provision(emulators, "ledger");
        ledger = new DeliveryLedger(stage.dynamoDb(), stage.table(SystemTopology.MESSAGES_TABLE));
    }

    @AfterAll
    static void close() {
        stage.close();
    }

    @Test
    void claimsAMessageNeverSeenAsAttemptOne() {
        Claim claim = ledger.claim(freshId(), "node-a", T0, LEASE);

        assertThat(claim).isEqualTo(new Claim(ClaimStatus.CLAIMED, 1, T0, Optional.empty(), Optional.of(T0.plus(LEASE))));
    }

    @Test
    void aClaimHeldByAnotherNodeWithALiveLeaseIsHeldElsewhere() {
        String id = freshId();
        ledger.claim(id, "node-a", T0, LEASE);

        Claim other = ledger.claim(id, "node-b", T0.plus(LEASE).minusMillis(1), LEASE);

        assertThat(other.status()).isEqualTo(ClaimStatus.HELD_ELSEWHERE);
        assertThat(other.leaseUntil()).contains(T0.plus(LEASE));
        assertThat(other.attempt()).isEqualTo(1);
    }

    @Test
    void anotherNodeClaimsOnceTheLeaseExpiredAndTheStaleAttemptCannotRecord() {
        String id = freshId();
        Claim first = ledger.claim(id, "node-a", T0, LEASE);
        Instant afterLease = T0.plus(LEASE).plusMillis(1);

        Claim takeover = ledger.claim(id, "node-b", afterLease, LEASE);
        boolean staleRecorded = ledger.record(id, first.attempt(), DeliveryOutcome.DELIVERED, "{\"by\":\"node-a\"}", afterLease);
        boolean currentRecorded = ledger.record(id, takeover.attempt(), DeliveryOutcome.DELIVERED, "{\"by\":\"node-b\"}", afterLease);

        assertThat(takeover.status()).isEqualTo(ClaimStatus.CLAIMED);
        assertThat(takeover.attempt()).isEqualTo(2);
        assertThat(takeover.firstSeen()).isEqualTo(T0);
        assertThat(staleRecorded).isFalse();
        assertThat(currentRecorded).isTrue();
        assertThat(ledger.claim(id, "node-a", afterLease.plusSeconds(1), LEASE).finalEventJson()).contains("{\"by\":\"node-b\"}");
    }

    @Test
    void aDeferredMessageIsClaimedAgainWithTheNextAttemptNumber() {
        String id = freshId();
        Claim first = ledger.claim(id, "node-a", T0, LEASE);
        ledger.record(id, first.attempt(), DeliveryOutcome.DEFERRED, "{\"outcome\":\"deferred\"}", T0.plusSeconds(5));

        Claim retry = ledger.claim(id, "node-b", T0.plusSeconds(300), LEASE);

        assertThat(retry).isEqualTo(new Claim(ClaimStatus.CLAIMED, 2, T0, Optional.empty(),
                Optional.of(T0.plusSeconds(300).plus(LEASE))));
    }

    @Test
    void aFinishedMessageIsNeverClaimedAgainAndHandsBackItsFinalEvent() {
        for (DeliveryOutcome outcome : List.of(DeliveryOutcome.DELIVERED, DeliveryOutcome.BOUNCED, DeliveryOutcome.EXPIRED)) {
            String id = freshId();
            Claim first = ledger.claim(id, "node-a", T0, LEASE);
            ledger.record(id, first.attempt(), outcome, "{\"outcome\":\"" + outcome.wireName() + "\"}", T0.plusSeconds(1));

            Claim later = ledger.claim(id, "node-b", T0.plus(Duration.ofDays(1)), LEASE);

            assertThat(later).as("after %s", outcome).isEqualTo(new Claim(ClaimStatus.FINISHED, 1, T0,
                    Optional.of("{\"outcome\":\"" + outcome.wireName() + "\"}"), Optional.empty()));
        }
    }

    @Test
    void aRecordForAnAttemptThatWasNeverClaimedIsRefused() {
        String id = freshId();

        assertThat(ledger.record(id, 1, DeliveryOutcome.DELIVERED, "{}", T0)).isFalse();
        assertThat(ledger.claim(id, "node-a", T0, LEASE).status()).isEqualTo(ClaimStatus.CLAIMED);
    }

    @Test
    void concurrentClaimsOfOneMessageGrantItToExactlyOneNode() throws Exception {
        String id = freshId();
        int nodes = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Claim> claims = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(nodes)) {
            List<Future<Claim>> futures = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                String node = "node-" + n;
                futures.add(pool.submit(() -> {
                    start.await();
                    return ledger.claim(id, node, T0, LEASE);
                }));
            }
            start.countDown();
            for (Future<Claim> future : futures) {
                claims.add(future.get());
            }
        }

        assertThat(claims).filteredOn(c -> c.status() == ClaimStatus.CLAIMED).hasSize(1);
        assertThat(claims).filteredOn(c -> c.status() == ClaimStatus.HELD_ELSEWHERE).hasSize(nodes - 1);
    }

    private static String freshId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
