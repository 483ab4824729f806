package com.emailengine.fleet.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FairWindowTest {

    @Test
    void oneQueuesBacklogLeavesTheOtherQueuesReserveFree() throws Exception {
        FairWindow window = new FairWindow(8, List.of("a", "b"));

        int taken = window.acquire("a", 10);

        assertThat(taken).as("a holds all but b's reserve of 8 / (2 x 2)").isEqualTo(6);
        assertThat(window.acquire("b", 10)).isEqualTo(2);
    }

    @Test
    void aQueueWaitsWhileOnlyTheOtherQueuesReserveIsFreeAndGoesOnWhenASlotOfItsOwnIsReleased() throws Exception {
        FairWindow window = new FairWindow(4, List.of("a", "b"));
        assertThat(window.acquire("a", 10)).isEqualTo(3);

        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return window.acquire("a", 1);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(waiting).as("the one free slot is b's reserve").isNotDone();
        window.release("a", 1);

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(window.held("a")).isEqualTo(3);
        assertThat(window.acquire("b", 10)).isEqualTo(1);
    }
}
