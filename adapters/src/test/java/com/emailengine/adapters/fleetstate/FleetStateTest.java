package com.emailengine.adapters.fleetstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.adapters.fleetstate.IpLeases.Lease;
import com.emailengine.core.warmup.WarmupProgress;
import com.emailengine.core.warmup.WarmupStatus;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.fixtures.EmulatedStage;
import com.emailengine.emulators.fixtures.SharedEmulators;
import com.emailengine.platform.topology.SystemTopology;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fleet's shared state in the local DynamoDB: IP leases (exclusive, renewable, taken over once run out,
 * fenced by a token), quota reservations that never pass the limit even when many reserve at once, and
 * warmup records replaced only from the state they were computed from. Time is handed in.
 */
@ExtendWith(SharedEmulators.class)
class FleetStateTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(30);

    private static EmulatedStage stage;
    private static IpLeases leases;
    private static SendingQuotas quotas;
    private static WarmupRecords warmups;

    @BeforeAll
    static void provision(LocalEmulators emulators) {
        stage = EmulatedStage.provision(emulators, "fleetstate");
        String table = stage.table(SystemTopology.FLEET_STATE_TABLE);
        leases = new IpLeases(stage.dynamoDb(), table);
        quotas = new SendingQuotas(stage.dynamoDb(), table);
        warmups = new WarmupRecords(stage.dynamoDb(), table);
    }

    @AfterAll
    static void close() {
        stage.close();
    }

    private static String freshIp() {
        return "198.51.100." + Math.abs(UUID.randomUUID().hashCode() % 250) + "-" + UUID.randomUUID();
    }

    @Test
    void aLeaseIsExclusiveUntilItRunsOutThenAnotherNodeTakesItWithANewerToken() {
        String ip = freshIp();
        Lease a = leases.acquire(ip, "node-a", T0, TTL).orElseThrow();

        assertThat(leases.acquire(ip, "node-b", T0.plusSeconds(29), TTL)).isEmpty();
        Lease b = leases.acquire(ip, "node-b", T0.plusSeconds(31), TTL).orElseThrow();

        assertThat(b.token()).isGreaterThan(a.token());
        assertThat(b.node()).isEqualTo("node-b");
        assertThat(leases.renew(a, T0.plusSeconds(32), TTL)).as("the old holder's renewal").isEmpty();
        assertThat(leases.renew(b, T0.plusSeconds(32), TTL)).hasValueSatisfying(l -> assertThat(l.until()).isEqualTo(T0.plusSeconds(62)));
    }

    @Test
    void aHomeNodeAsksForItsAddressAndTheHolderSeesItOnRenewalAndReleases() {
        String ip = freshIp();
        Lease held = leases.acquire(ip, "node-b", T0, TTL).orElseThrow();

        leases.want(ip, "node-a");
        Lease renewed = leases.renew(held, T0.plusSeconds(10), TTL).orElseThrow();
        leases.release(renewed);

        assertThat(renewed.wantedBy()).contains("node-a");
        assertThat(leases.acquire(ip, "node-a", T0.plusSeconds(11), TTL)).isPresent();
        assertThat(leases.read(List.of(ip)).get(ip).node()).isEqualTo("node-a");
    }

    @Test
    void concurrentReservationsNeverPassTheLimit() throws Exception {
        String ip = freshIp();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> grants = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            grants.add(pool.submit(() -> quotas.reserve(ip, "day#2026-03-02#gmail", 1, 50, 3, T0.plus(Duration.ofDays(40)))));
        }
        int granted = 0;
        for (Future<Integer> grant : grants) {
            granted += grant.get();
        }
        pool.shutdown();

        assertThat(granted).isEqualTo(50);
        assertThat(quotas.reserved(ip, "day#2026-03-02#gmail")).isEqualTo(50);
        assertThat(quotas.reserve(ip, "day#2026-03-02#gmail", 1, 50, 1, T0)).isZero();
    }

    @Test
    void aReservationWithAnOlderLeaseTokenIsFencedOut() {
        String ip = freshIp();
        assertThat(quotas.reserve(ip, "day#2026-03-02#others", 2, 10, 1, T0)).isEqualTo(1);

        assertThatThrownBy(() -> quotas.reserve(ip, "day#2026-03-02#others", 1, 10, 1, T0))
                .isInstanceOf(SendingQuotas.FencedOut.class);
        assertThat(quotas.reserved(ip, "day#2026-03-02#others")).isEqualTo(1);
    }

    @Test
    void trafficCountsAddUpPerDayAcrossShareGroups() {
        String ip = freshIp();
        quotas.add(ip, "day#2026-03-02#gmail", Map.of("attempts", 3L, "delivered", 2L, "deferred", 1L, "throttled", 1L), T0);
        quotas.add(ip, "day#2026-03-02#gmail", Map.of("attempts", 1L, "bounced", 1L), T0);
        quotas.add(ip, "day#2026-03-02#others", Map.of("attempts", 5L, "delivered", 5L), T0);
        quotas.add(ip, "day#2026-03-03#others", Map.of("attempts", 7L), T0);

        var stats = quotas.dayStats(ip, LocalDate.parse("2026-03-02"));

        assertThat(stats.attempts()).isEqualTo(9);
        assertThat(stats.delivered()).isEqualTo(7);
        assertThat(stats.bounced()).isEqualTo(1);
        assertThat(stats.throttled()).isEqualTo(1);
    }

    @Test
    void aWarmupReviewIsStoredOnlyOverTheStateItWasComputedFrom() {
        String ip = freshIp();
        WarmupProgress day1 = WarmupProgress.start(LocalDate.parse("2026-03-01"));
        assertThat(warmups.replace(ip, Optional.empty(), day1)).isTrue();
        assertThat(warmups.replace(ip, Optional.empty(), day1)).as("a second creation").isFalse();

        WarmupProgress day2 = new WarmupProgress(2, WarmupStatus.WARMING, LocalDate.parse("2026-03-02"), Instant.EPOCH, "advanced");
        assertThat(warmups.replace(ip, Optional.of(day1), day2)).isTrue();
        assertThat(warmups.replace(ip, Optional.of(day1), day2.pausedNow(T0, "late"))).as("a review from stale state").isFalse();
        assertThat(warmups.read(ip)).contains(day2);
    }
}
