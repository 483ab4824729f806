package com.emailengine.core.warmup;

/**
 * One IP's traffic on one day (all providers together, or one provider), what the warmup review judges.
 *
 * @param attempts   messages handed to a receiving server (each counts against the quota)
 * @param delivered  accepted with 2xx
 * @param deferred   answered 4xx (throttled ones included)
 * @param throttled  deferrals that say "slow down": 421 or an enhanced code 4.7.x
 * @param bounced    answered 5xx for the recipient or the message
 * @param blocked    refused at connection, EHLO or MAIL FROM with 5xx: the receiver refuses the IP itself
 * @param complaints feedback-loop complaints recorded for mail sent that day
 */
public record WarmupDayStats(long attempts, long delivered, long deferred, long throttled, long bounced, long blocked,
                             long complaints) {

    public static final WarmupDayStats NONE = new WarmupDayStats(0, 0, 0, 0, 0, 0, 0);

    public WarmupDayStats plus(WarmupDayStats other) {
        return new WarmupDayStats(attempts + other.attempts, delivered + other.delivered, deferred + other.deferred,
                throttled + other.throttled, bounced + other.bounced, blocked + other.blocked, complaints + other.complaints);
    }

    public double bounceRate() {
        return ratio(bounced, delivered + bounced);
    }

    public double complaintRate() {
        return ratio(complaints, delivered);
    }

    public double throttledRate() {
        return ratio(throttled, attempts);
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
