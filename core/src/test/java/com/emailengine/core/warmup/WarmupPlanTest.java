package com.emailengine.core.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WarmupPlanTest {

    private static final LocalDate YESTERDAY = LocalDate.parse("2026-03-01");
    private static final LocalDate TODAY = LocalDate.parse("2026-03-02");
    private static final Instant NOW = Instant.parse("2026-03-02T00:05:00Z");
    private static final WarmupPlan PLAN = new WarmupPlan(List.of(100, 200, 400), Map.of("gmail", 50, "others", 50),
            WarmupThresholds.DEFAULT, Set.of());

    private static WarmupProgress on(int day) {
        return new WarmupProgress(day, WarmupStatus.WARMING, YESTERDAY, Instant.EPOCH, "");
    }

    private static WarmupDayStats sent(long attempts, long delivered, long bounced, long throttled, long blocked, long complaints) {
        return new WarmupDayStats(attempts, delivered, attempts - delivered - bounced, throttled, bounced, blocked, complaints);
    }

    @Test
    void advancesWhenYesterdaysQuotaWasSentCleanly() {
        WarmupProgress next = PLAN.review(on(1), sent(100, 99, 1, 0, 0, 0), TODAY, NOW);

        assertThat(next.day()).isEqualTo(2);
        assertThat(next.status()).isEqualTo(WarmupStatus.WARMING);
        assertThat(next.reviewedOn()).isEqualTo(TODAY);
    }

    @Test
    void holdsTheDayWhenTooLittleWasSent() {
        WarmupProgress next = PLAN.review(on(2), sent(50, 50, 0, 0, 0, 0), TODAY, NOW);

        assertThat(next.day()).isEqualTo(2);
        assertThat(next.reason()).isEqualTo("held: 50 of 200 sent");
    }

    @Test
    void holdsTheDayWhenTheBounceRateIsTooHigh() {
        assertThat(PLAN.review(on(2), sent(200, 180, 20, 0, 0, 0), TODAY, NOW).day()).isEqualTo(2);
    }

    @Test
    void stepsBackADayWhenTheProviderThrottled() {
        WarmupProgress next = PLAN.review(on(3), sent(400, 300, 0, 100, 0, 0), TODAY, NOW);

        assertThat(next.day()).isEqualTo(2);
        assertThat(next.reason()).startsWith("slowed down: 25.0%");
    }

    @Test
    void pausesOnABlockingReplyAndResumesDaysBackAfterTheRest() {
        WarmupProgress paused = PLAN.review(on(3), sent(10, 0, 0, 0, 1, 0), TODAY, NOW);
        assertThat(paused.status()).isEqualTo(WarmupStatus.PAUSED);
        assertThat(paused.pausedUntil()).isEqualTo(NOW.plus(Duration.ofDays(2)));

        WarmupProgress stillPaused = PLAN.review(paused, WarmupDayStats.NONE, TODAY.plusDays(1), NOW.plus(Duration.ofDays(1)));
        assertThat(stillPaused.status()).isEqualTo(WarmupStatus.PAUSED);

        WarmupProgress resumed = PLAN.review(stillPaused, WarmupDayStats.NONE, TODAY.plusDays(2), NOW.plus(Duration.ofDays(2)));
        assertThat(resumed.status()).isEqualTo(WarmupStatus.WARMING);
        assertThat(resumed.day()).isEqualTo(1);
    }

    @Test
    void pausesOnAComplaintSpike() {
        assertThat(PLAN.review(on(2), sent(1000, 1000, 0, 0, 0, 5), TODAY, NOW).status()).isEqualTo(WarmupStatus.PAUSED);
    }

    @Test
    void isWarmAfterTheLastDay() {
        assertThat(PLAN.review(on(3), sent(400, 400, 0, 0, 0, 0), TODAY, NOW).status()).isEqualTo(WarmupStatus.WARM);
    }

    @Test
    void reviewsOncePerDay() {
        WarmupProgress today = new WarmupProgress(2, WarmupStatus.WARMING, TODAY, Instant.EPOCH, "");

        assertThat(PLAN.review(today, sent(200, 200, 0, 0, 0, 0), TODAY, NOW)).isSameAs(today);
    }

    @Test
    void splitsADaysVolumeByProviderShare() {
        assertThat(PLAN.providerQuota(2, "gmail")).isEqualTo(100);
        assertThat(PLAN.providerQuota(2, PLAN.shareGroup("yahoo"))).isEqualTo(100);
        assertThat(PLAN.dailyQuota(99)).isEqualTo(400);
    }
}
