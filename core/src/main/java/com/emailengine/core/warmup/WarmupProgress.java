package com.emailengine.core.warmup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The warmup state of one IP, as the fleet keeps it (one record per IP, shared by all nodes).
 *
 * @param day          the plan's day the IP sends at (1-based); meaningless when warm
 * @param reviewedOn   the UTC date this state was decided for: the review runs once per IP per day
 * @param pausedUntil  when a paused IP resumes; {@link Instant#EPOCH} when not paused
 * @param reason       why the last review decided as it did, for operators
 */
public record WarmupProgress(int day, WarmupStatus status, LocalDate reviewedOn, Instant pausedUntil, String reason) {

    public WarmupProgress {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reviewedOn, "reviewedOn");
        Objects.requireNonNull(pausedUntil, "pausedUntil");
        if (day < 1) {
            throw new IllegalArgumentException("warmup day must be at least 1, got " + day);
        }
    }

    /** A fresh IP: day 1 from today. */
    public static WarmupProgress start(LocalDate today) {
        return new WarmupProgress(1, WarmupStatus.WARMING, today, Instant.EPOCH, "warmup started");
    }

    public static WarmupProgress warm(LocalDate today) {
        return new WarmupProgress(1, WarmupStatus.WARM, today, Instant.EPOCH, "declared warm in warmup.yaml");
    }

    /** Paused now by the fleet (a blocklisting reply), without waiting for the daily review. */
    public WarmupProgress pausedNow(Instant until, String why) {
        return new WarmupProgress(day, WarmupStatus.PAUSED, reviewedOn, until, why);
    }
}
