package com.emailengine.core.warmup;

import java.time.Duration;

/**
 * When an IP's warmup moves on, holds, steps back or pauses, judged on the previous day's traffic.
 *
 * @param minSentShare      the day's quota must have been used at least this much (0..1) to advance: an IP
 *                          that had too little mail to send has not proven anything yet
 * @param maxBounceRate     bounced / (delivered + bounced) above this holds the day
 * @param maxComplaintRate  complaints / delivered above this holds the day
 * @param maxThrottledRate  throttling deferrals (421, 4.7.x) / attempts above this steps back one day
 * @param pauseComplaintRate complaints / delivered above this pauses the IP (a complaint spike)
 * @param pauseFor          how long a paused IP rests before it resumes
 * @param stepBackOnResume  days the plan goes back when a paused IP resumes
 */
public record WarmupThresholds(double minSentShare, double maxBounceRate, double maxComplaintRate, double maxThrottledRate,
                               double pauseComplaintRate, Duration pauseFor, int stepBackOnResume) {

    public static final WarmupThresholds DEFAULT = new WarmupThresholds(0.8, 0.05, 0.001, 0.10, 0.003,
            Duration.ofDays(2), 3);
}
