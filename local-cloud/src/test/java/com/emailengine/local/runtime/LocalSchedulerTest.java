package com.emailengine.local.runtime;

import static com.emailengine.local.runtime.TestFunctions.eventually;
import static com.emailengine.local.runtime.TestFunctions.function;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.emailengine.emulators.cloud.LocalAccount;
import com.emailengine.platform.topology.ScheduleDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalSchedulerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final List<LocalScheduler> schedulers = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeSchedulers() {
        schedulers.forEach(LocalScheduler::close);
    }

    private LocalScheduler scheduler(double speedup) {
        LocalScheduler scheduler = new LocalScheduler(speedup);
        schedulers.add(scheduler);
        return scheduler;
    }

    @Test
    void firesARateScheduleEveryPeriodDividedByTheSpeedup() throws Exception {
        CountDownLatch threeRuns = new CountDownLatch(3);
        List<Long> firedAt = new CopyOnWriteArrayList<>();
        LocalScheduler scheduler = scheduler(600);
        long added = System.nanoTime();

        scheduler.add(new ScheduleDefinition("every-minute", "rate(1 minute)", "tick"), function("tick", (event, context) -> {
            firedAt.add(System.nanoTime());
            threeRuns.countDown();
            return null;
        }));

        // rate(1 minute) / 600 = every 100 ms: three runs come within seconds, where the real minute would take three.
        assertThat(threeRuns.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        // A lower bound, which cannot flake: a fixed rate never fires its third run before three periods passed.
        assertThat(Duration.ofNanos(firedAt.get(2) - added)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void fireRunsTheFunctionOnTheCallersThreadAndReturnsItsResult() {
        LocalScheduler scheduler = scheduler(1);
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        scheduler.add(new ScheduleDefinition("daily", "rate(1 day)", "report"), function("report", (event, context) -> {
            ranOn.set(Thread.currentThread());
            return "run " + runs.incrementAndGet();
        }));

        assertThat(scheduler.fire("daily")).isEqualTo("run 1");
        assertThat(scheduler.fire("daily")).isEqualTo("run 2");
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void fireHandsTheFunctionsFailureToTheCaller() {
        LocalScheduler scheduler = scheduler(1);
        scheduler.add(new ScheduleDefinition("broken", "rate(1 day)", "broken"), function("broken", (event, context) -> {
            throw new IllegalStateException("table missing");
        }));

        assertThatThrownBy(() -> scheduler.fire("broken")).isInstanceOf(IllegalStateException.class).hasMessage("table missing");
    }

    @Test
    void aFailedScheduledRunDoesNotStopTheSchedule() throws Exception {
        LocalScheduler scheduler = scheduler(600);
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch recovered = new CountDownLatch(1);
        scheduler.add(new ScheduleDefinition("flaky", "rate(1 minute)", "flaky"), function("flaky", (event, context) -> {
            if (runs.incrementAndGet() == 1) {
                throw new AssertionError("first run fails hard");
            }
            recovered.countDown();
            return null;
        }));

        assertThat(recovered.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aRunNeverOverlapsItself() throws Exception {
        LocalScheduler scheduler = scheduler(1);
        CountDownLatch firstRunEntered = new CountDownLatch(1);
        CountDownLatch releaseFirstRun = new CountDownLatch(1);
        AtomicInteger active = new AtomicInteger();
        AtomicInteger mostActive = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        scheduler.add(new ScheduleDefinition("due-steps", "rate(1 day)", "due"), function("due", (event, context) -> {
            mostActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                if (runs.incrementAndGet() == 1) {
                    firstRunEntered.countDown();
                    releaseFirstRun.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                }
                return null;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                active.decrementAndGet();
            }
        }));

        Thread first = Thread.ofPlatform().start(() -> scheduler.fire("due-steps"));
        assertThat(firstRunEntered.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Thread second = Thread.ofPlatform().start(() -> scheduler.fire("due-steps"));
        Thread third = Thread.ofPlatform().start(() -> scheduler.fire("due-steps"));

        // Both latecomers park, waiting for the first run, instead of entering the function beside it.
        assertThat(eventually(DEADLINE, () -> second.getState() == Thread.State.WAITING
                && third.getState() == Thread.State.WAITING)).isTrue();
        assertThat(active.get()).isEqualTo(1);
        releaseFirstRun.countDown();
        for (Thread caller : List.of(first, second, third)) {
            caller.join(DEADLINE);
        }

        assertThat(runs.get()).isEqualTo(3);
        assertThat(mostActive.get()).isEqualTo(1);
    }

    @Test
    void aDisabledScheduleSkipsItsFiringsButStillRunsWhenFiredUntilItIsEnabledAgain() throws Exception {
        LocalScheduler scheduler = scheduler(600);
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch firstRun = new CountDownLatch(1);
        scheduler.add(new ScheduleDefinition("every-minute", "rate(1 minute)", "tick"), function("tick", (event, context) -> {
            runs.incrementAndGet();
            firstRun.countDown();
            return null;
        }));
        assertThat(firstRun.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        scheduler.disable("every-minute");
        int whenDisabled = runs.get();
        Thread.sleep(500); // five periods of 100 ms
        int afterFivePeriods = runs.get();
        scheduler.fire("every-minute");
        int afterFire = runs.get();
        scheduler.enable("every-minute");

        assertThat(afterFivePeriods).isEqualTo(whenDisabled);
        assertThat(afterFire).isEqualTo(whenDisabled + 1);
        assertThat(eventually(DEADLINE, () -> runs.get() > afterFire)).as("fires again once enabled").isTrue();
    }

    @Test
    void refusesAnUnknownScheduleNamingTheKnownOnes() {
        LocalScheduler scheduler = scheduler(1);
        scheduler.add(new ScheduleDefinition("due-steps-every-minute", "rate(1 minute)", "due"), function("due", (e, c) -> null));

        assertThatThrownBy(() -> scheduler.fire("due-steps"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no schedule due-steps; known: [due-steps-every-minute]");
    }

    @Test
    void closeStopsFiring() throws Exception {
        AtomicInteger closedRuns = new AtomicInteger();
        CountDownLatch closedFiredTwice = new CountDownLatch(2);
        LocalScheduler closing = scheduler(600);
        closing.add(new ScheduleDefinition("closing", "rate(1 minute)", "closing"), function("closing", (event, context) -> {
            closedRuns.incrementAndGet();
            closedFiredTwice.countDown();
            return null;
        }));
        assertThat(closedFiredTwice.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        closing.close();
        int runsAtClose = closedRuns.get();
        // A witness on the same rate: while it fires three more times, the closed scheduler would have too.
        CountDownLatch witnessFiredThrice = new CountDownLatch(3);
        scheduler(600).add(new ScheduleDefinition("witness", "rate(1 minute)", "witness"), function("witness", (event, context) -> {
            witnessFiredThrice.countDown();
            return null;
        }));
        assertThat(witnessFiredThrice.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThat(closedRuns.get()).isEqualTo(runsAtClose);
        assertThatThrownBy(() -> closing.add(new ScheduleDefinition("late", "rate(1 minute)", "late"), function("late", (e, c) -> null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void closeWaitsForTheRunInProgress() throws Exception {
        LocalScheduler scheduler = scheduler(600);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        scheduler.add(new ScheduleDefinition("slow", "rate(1 minute)", "slow"), function("slow", (event, context) -> {
            running.countDown();
            try {
                mayFinish.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted mid-run", e);
            }
            finished.incrementAndGet();
            return null;
        }));
        assertThat(running.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Thread closer = Thread.ofPlatform().start(scheduler::close);
        assertThat(eventually(DEADLINE, () -> closer.getState() == Thread.State.TIMED_WAITING)).isTrue();
        assertThat(finished.get()).isZero();
        mayFinish.countDown();
        closer.join(DEADLINE);

        assertThat(closer.isAlive()).isFalse();
        assertThat(finished.get()).as("the run finished, uninterrupted").isEqualTo(1);
    }

    @Test
    void sendsTheEventEventBridgeSendsForAScheduledRule() {
        LocalScheduler scheduler = scheduler(1);
        AtomicReference<Object> received = new AtomicReference<>();
        scheduler.add(new ScheduleDefinition("due-steps-every-minute", "rate(1 minute)", "due"), function("due", (event, context) -> {
            received.set(event);
            return null;
        }));
        Instant before = Instant.now().minusSeconds(1);

        scheduler.fire("due-steps-every-minute");

        // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html shows this shape.
        assertThat(received.get()).isInstanceOf(ScheduledEvent.class);
        ScheduledEvent event = (ScheduledEvent) received.get();
        assertThat(event.getSource()).isEqualTo("aws.events");
        assertThat(event.getDetailType()).isEqualTo("Scheduled Event");
        assertThat(event.getVersion()).isEqualTo("0");
        assertThat(event.getAccount()).isEqualTo(LocalAccount.ACCOUNT_ID);
        assertThat(event.getRegion()).isEqualTo(LocalAccount.REGION);
        assertThat(event.getResources()).containsExactly(
                "arn:aws:events:" + LocalAccount.REGION + ":" + LocalAccount.ACCOUNT_ID + ":rule/due-steps-every-minute");
        assertThat(event.getDetail()).isEmpty();
        assertThat(event.getId()).isNotBlank();
        assertThat(Instant.ofEpochMilli(event.getTime().getMillis())).isBetween(before, Instant.now());
    }

    @Test
    void refusesABadExpressionADuplicateNameAndASlowdown() {
        LocalScheduler scheduler = scheduler(1);
        scheduler.add(new ScheduleDefinition("once", "rate(1 day)", "f"), function("f", (e, c) -> null));

        assertThatThrownBy(() -> scheduler.add(new ScheduleDefinition("bad", "rate(1 minutes)", "f"), function("f", (e, c) -> null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate(1 minutes)");
        assertThatThrownBy(() -> scheduler.add(new ScheduleDefinition("once", "rate(2 days)", "f"), function("f", (e, c) -> null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("schedule once is already added");
        assertThatThrownBy(() -> new LocalScheduler(0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LocalScheduler(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
