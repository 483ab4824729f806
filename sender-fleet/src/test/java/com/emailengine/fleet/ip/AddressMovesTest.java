package com.emailengine.fleet.ip;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.adapters.fleetstate.IpLeases;
import com.emailengine.core.config.DeliveryPolicy;
import com.emailengine.core.config.DirectoryConfigSource;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.delivery.RetrySchedule;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.fixtures.EmulatedStage;
import com.emailengine.emulators.fixtures.SharedEmulators;
import com.emailengine.emulators.fixtures.SteppingClock;
import com.emailengine.fleet.FleetWorld;
import com.emailengine.fleet.metrics.FleetMetrics;
import com.emailengine.fleet.node.FleetSettings;
import com.emailengine.platform.topology.SystemTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@link LeaseKeeper} moving addresses, as it must on EC2 where an address binds only on the node whose
 * interface carries it: leases in the local DynamoDB, time handed in, and each node's machine modelled by the
 * set of addresses its OS carries (its bind check) and a {@link RecordingMover} standing for the EC2 mover.
 * The fleet configuration's pool: alpha 127.0.10.1-4, beta 127.0.10.11-12. node-a (home .1, .2, .11) died
 * holding its leases; node-b (home .3, .4, .12) survives.
 */
@ExtendWith(SharedEmulators.class)
class AddressMovesTest {

    private static final Duration TTL = Duration.ofSeconds(30);
    private static final List<String> A_HOME = List.of("127.0.10.1", "127.0.10.2", "127.0.10.11");
    private static final List<String> B_HOME = List.of("127.0.10.3", "127.0.10.4", "127.0.10.12");

    private static EmulatedStage stage;
    private static EngineConfig config;
    private static DeliveryPolicy policy;
    private static IpLeases leases;
    private static ScheduledExecutorService watchdog;

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final List<LeaseKeeper> keepers = new ArrayList<>();
    private final List<IpLeases.Lease> deadLeases = new ArrayList<>();

    @BeforeAll
    static void provision(LocalEmulators emulators) {
        stage = EmulatedStage.provision(emulators, "fleetmoves");
        config = EngineConfig.load(new DirectoryConfigSource(FleetWorld.configDir()));
        policy = DeliveryPolicy.load(new DirectoryConfigSource(FleetWorld.configDir()), config.tenants());
        leases = new IpLeases(stage.dynamoDb(), stage.table(SystemTopology.FLEET_STATE_TABLE));
        watchdog = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void close() {
        watchdog.shutdownNow();
        stage.close();
    }

    /** Every test starts from free leases: the keepers and the dead node give theirs up. */
    @AfterEach
    void releaseEverything() {
        keepers.forEach(LeaseKeeper::releaseAll);
        deadLeases.forEach(leases::release);
    }

    /**
     * Stands for the EC2 mover: records each move and who held the address's lease at that moment, and puts
     * the address on its node's machine, unless told to refuse it or that the OS is slow to pick it up.
     */
    private static final class RecordingMover implements AddressMover {

        final Set<String> machine;
        final List<String> moved = new ArrayList<>();
        final Map<String, String> holderAtMove = new LinkedHashMap<>();
        final Set<String> refused = new HashSet<>();
        final Set<String> slowOs = new HashSet<>();

        RecordingMover(Set<String> machine) {
            this.machine = machine;
        }

        @Override
        public boolean makeBindable(String ip) {
            moved.add(ip);
            holderAtMove.put(ip, leases.read(List.of(ip)).get(ip).node());
            if (refused.contains(ip)) {
                return false;
            }
            if (!slowOs.contains(ip)) {
                machine.add(ip);
            }
            return true;
        }
    }

    private static Set<String> machineCarrying(List<String> addresses) {
        Set<String> machine = ConcurrentHashMap.newKeySet();
        machine.addAll(addresses);
        return machine;
    }

    private LeaseKeeper keeper(String node, List<String> home, RecordingMover mover) {
        FleetSettings settings = new FleetSettings(node, "system", 25, Duration.ofSeconds(20), 8, 1, Duration.ofSeconds(10),
                RetrySchedule.standard(), Path.of("unused")).withAddresses(home).withIpLease(TTL);
        LeaseKeeper keeper = LeaseKeeper.create(stage.dynamoDb(), stage.table(SystemTopology.FLEET_STATE_TABLE), config.tenants(), policy,
                settings.leases(), new FleetMetrics(), clock, watchdog, mover, mover.machine::contains);
        keepers.add(keeper);
        return keeper;
    }

    /** node-a held its addresses until now and stopped renewing them. */
    private void nodeADiesNow() {
        for (String ip : A_HOME) {
            deadLeases.add(leases.acquire(ip, "node-a", clock.instant(), TTL).orElseThrow());
        }
    }

    private static String holder(String ip) {
        return leases.read(List.of(ip)).get(ip).node();
    }

    @Test
    void aDeadNodesAddressesThatCannotBeBoundHereAreMovedUnderTheLeaseThenUsed() {
        nodeADiesNow();
        RecordingMover toB = new RecordingMover(machineCarrying(B_HOME));
        LeaseKeeper b = keeper("node-b", B_HOME, toB);
        b.tick();
        assertThat(b.held()).containsExactlyInAnyOrderElementsOf(B_HOME);
        assertThat(toB.moved).as("own addresses bind here: nothing moves").isEmpty();

        clock.advance(TTL.plusSeconds(1));
        b.tick();

        assertThat(toB.moved).containsExactlyElementsOf(A_HOME);
        assertThat(toB.holderAtMove).as("moved only while node-b held the lease, so no other node moves it at once")
                .containsOnlyKeys(A_HOME).allSatisfy((ip, holder) -> assertThat(holder).isEqualTo("node-b"));
        assertThat(b.held()).containsExactlyInAnyOrder("127.0.10.1", "127.0.10.2", "127.0.10.3", "127.0.10.4", "127.0.10.11", "127.0.10.12");
        Map<String, IpLeases.Lease> now = leases.read(A_HOME);
        for (IpLeases.Lease dead : deadLeases) {
            assertThat(now.get(dead.ip()).token()).as("fencing token of %s", dead.ip()).isGreaterThan(dead.token());
        }
    }

    @Test
    void aRefusedMoveLeavesTheAddressUnleasedAndIsTriedAgainOnlyAfterTwoLeaseTimes() {
        nodeADiesNow();
        RecordingMover toB = new RecordingMover(machineCarrying(B_HOME));
        toB.refused.add("127.0.10.11");
        LeaseKeeper b = keeper("node-b", B_HOME, toB);
        b.tick();
        clock.advance(TTL.plusSeconds(1));

        b.tick();
        b.tick();

        assertThat(b.held()).doesNotContain("127.0.10.11").contains("127.0.10.1", "127.0.10.2");
        assertThat(holder("127.0.10.11")).as("no node holds a lease on an address it cannot send from").isEmpty();
        assertThat(toB.moved).as("asked once, not on every heartbeat").containsOnlyOnce("127.0.10.11");

        clock.advance(TTL.multipliedBy(2));
        b.tick();
        assertThat(toB.moved.stream().filter("127.0.10.11"::equals)).hasSize(2);
        assertThat(holder("127.0.10.11")).isEmpty();
    }

    @Test
    void aHomeNodeTakingItsAddressesBackMovesThemHomeEvenWhenAStaleCopyStillBindsThere() {
        nodeADiesNow();
        RecordingMover toB = new RecordingMover(machineCarrying(B_HOME));
        LeaseKeeper b = keeper("node-b", B_HOME, toB);
        b.tick();
        clock.advance(TTL.plusSeconds(1));
        b.tick();
        assertThat(b.held()).containsAll(A_HOME);

        // node-a comes back; its OS still lists its old addresses, but EC2 put them on node-b's interfaces.
        RecordingMover toA = new RecordingMover(machineCarrying(A_HOME));
        LeaseKeeper a = keeper("node-a", A_HOME, toA);
        a.tick();
        assertThat(a.held()).as("held by node-b: asked back, not taken").isEmpty();
        b.tick();
        assertThat(b.held()).as("node-b handed them back").containsExactlyInAnyOrderElementsOf(B_HOME);
        a.tick();

        assertThat(toA.moved).containsExactlyElementsOf(A_HOME);
        assertThat(toA.holderAtMove).allSatisfy((ip, holder) -> assertThat(holder).isEqualTo("node-a"));
        assertThat(a.held()).containsExactlyInAnyOrderElementsOf(A_HOME);
        assertThat(A_HOME).allSatisfy(ip -> assertThat(holder(ip)).isEqualTo("node-a"));
    }

    @Test
    void aMovedAddressIsSentFromOnlyOnceTheOsCarriesItAndGivenUpIfItNeverDoes() {
        nodeADiesNow();
        RecordingMover toB = new RecordingMover(machineCarrying(B_HOME));
        toB.slowOs.addAll(List.of("127.0.10.1", "127.0.10.2"));
        LeaseKeeper b = keeper("node-b", B_HOME, toB);
        b.tick();
        clock.advance(TTL.plusSeconds(1));
        b.tick();
        assertThat(b.held()).doesNotContain("127.0.10.1", "127.0.10.2").contains("127.0.10.11");
        assertThat(holder("127.0.10.1")).as("the lease is kept while the OS picks the address up").isEqualTo("node-b");

        clock.advance(Duration.ofSeconds(10));
        toB.machine.add("127.0.10.1");
        b.tick();
        assertThat(b.held()).contains("127.0.10.1").doesNotContain("127.0.10.2");
        assertThat(holder("127.0.10.2")).as("renewed while waiting").isEqualTo("node-b");

        for (int i = 0; i < 18; i++) {
            clock.advance(Duration.ofSeconds(10));
            b.tick();
        }
        assertThat(b.held()).doesNotContain("127.0.10.2");
        assertThat(holder("127.0.10.2")).as("given up after three minutes").isEmpty();
        assertThat(toB.moved).containsOnlyOnce("127.0.10.2");
    }
}
