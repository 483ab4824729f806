package com.emailengine.core.campaign.abtest;

/**
 * What a winner is best at, each a rate per message sent: the contacts that opened, clicked or replied at least once,
 * over the variant's sends. Per send rather than per delivery, so a variant whose mail bounces more (a subject a
 * filter dislikes) pays for it.
 */
public enum WinnerMetric {
    OPEN_RATE("open rate"), CLICK_RATE("click rate"), REPLY_RATE("reply rate");

    private final String words;

    WinnerMetric(String words) {
        this.words = words;
    }

    /** The metric as the reason text names it. */
    public String words() {
        return words;
    }

    long successes(VariantResult result) {
        return switch (this) {
            case OPEN_RATE -> result.opened();
            case CLICK_RATE -> result.clicked();
            case REPLY_RATE -> result.replied();
        };
    }
}
