package com.emailengine.fleet.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.adapters.fleetstate.WarmupRecords;
import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.core.warmup.WarmupProgress;
import com.emailengine.core.warmup.WarmupStatus;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.fixtures.SharedEmulators;
import com.emailengine.emulators.fixtures.SteppingClock;
import com.emailengine.emulators.fixtures.TestTenants;
import com.emailengine.fleet.FleetWorld;
import com.emailengine.platform.topology.SystemTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warmup plan moving on by itself: alpha's 4 IPs send their whole day-1 volume (8 each, 2 per provider
 * group), the node's clock passes midnight, and the first message of the new day makes the node review each IP:
 * day 2, with the day-2 quota (4 per IP to others) the very next messages get.
 */
@ExtendWith(SharedEmulators.class)
class WarmupAdvanceEndToEndTest {

    @TempDir
    static Path keys;
    private static FleetWorld world;

    @BeforeAll
    static void start(LocalEmulators emulators) throws Exception {
        world = FleetWorld.start(emulators, "fadvance", keys);
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aDayWhoseQuotaWasSentCleanlyAdvancesTheIpToTheNextDaysQuota() throws Exception {
        SteppingClock clock = new SteppingClock(LocalDate.now(ZoneOffset.UTC).atTime(12, 0).toInstant(ZoneOffset.UTC));
        world.startNode(world.nodeSettings("advance-a", List.of()), clock);
        List<OutboundMessage> dayOne = new ArrayList<>();
        for (String domain : List.of("gmail.test", "outlook.test", "yahoo.test", "example.test")) {
            for (int i = 0; i < 8; i++) {
                dayOne.add(world.send(TestTenants.ALPHA, "d1-" + i + "@" + domain));
            }
        }
        FleetWorld.await("day 1's 32 messages delivered", () -> dayOne.stream().allMatch(m -> world.receivedBy(m.recipient()).size() == 1));

        clock.advance(Duration.ofDays(1));
        List<OutboundMessage> dayTwo = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            dayTwo.add(world.send(TestTenants.ALPHA, "d2-" + i + "@example.test"));
        }
        FleetWorld.await("day 2's quota to others used: 4 per IP", () -> dayTwo.stream()
                .filter(m -> !world.receivedBy(m.recipient()).isEmpty()).count() == 16);

        WarmupRecords warmups = new WarmupRecords(world.stage().dynamoDb(), world.stage().table(SystemTopology.FLEET_STATE_TABLE));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (String ip : List.of("127.0.10.1", "127.0.10.2", "127.0.10.3", "127.0.10.4")) {
            assertThat(warmups.read(ip)).as("warmup of %s", ip).hasValue(
                    new WarmupProgress(2, WarmupStatus.WARMING, today, Instant.EPOCH, "advanced: day 1 done"));
        }
        Thread.sleep(3000);
        assertThat(dayTwo.stream().filter(m -> !world.receivedBy(m.recipient()).isEmpty())).as("no more than day 2's quota").hasSize(16);
        world.stage().drain(SystemTopology.outboundQueue(TestTenants.ALPHA));
    }
}
