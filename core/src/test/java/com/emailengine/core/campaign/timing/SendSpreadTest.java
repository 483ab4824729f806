package com.emailengine.core.campaign.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SendSpreadTest {

    private static final Instant OPENS = Instant.parse("2026-03-04T08:00:00.250Z");

    @Test
    void aContactsSeedIsStable() {
        assertThat(SendSpread.seedOf("c-1")).isEqualTo(SendSpread.seedOf("c-1"));
        // FNV-1a 64 of the empty input is its offset basis: the hash is the published algorithm, not a JDK one.
        assertThat(SendSpread.seedOf("")).isEqualTo(0xcbf29ce484222325L);
    }

    @Test
    void neighbouringIdsGetDifferentMoments() {
        WindowOpening day = new WindowOpening(OPENS, OPENS.plus(Duration.ofHours(8)));
        Set<Instant> moments = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            moments.add(SendSpread.within(day, SendSpread.seedOf("contact-" + i)));
        }

        assertThat(moments).hasSizeGreaterThan(95);
    }

    @Test
    void theMomentIsWholeSecondsAfterTheOpening() {
        WindowOpening day = new WindowOpening(OPENS, OPENS.plus(Duration.ofHours(8)));

        assertThat(Duration.between(OPENS, SendSpread.within(day, 1234)).toNanos() % 1_000_000_000L).isZero();
    }

    @Test
    void anOpeningShorterThanASecondGivesItsStart() {
        WindowOpening blink = new WindowOpening(OPENS, OPENS.plusMillis(500));

        assertThat(SendSpread.within(blink, 99)).isEqualTo(OPENS);
    }
}
