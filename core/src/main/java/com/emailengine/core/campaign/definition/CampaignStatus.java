package com.emailengine.core.campaign.definition;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a campaign is in its life. Only an active campaign sends; a paused one keeps its enrollments where they are and
 * sends nothing until resumed; finished means every enrollment has run out (a broadcast after its send); archived is
 * the end, kept for its history and statistics.
 */
public enum CampaignStatus {
    DRAFT, ACTIVE, PAUSED, FINISHED, ARCHIVED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CampaignStatus> parse(String text) {
        for (CampaignStatus status : values()) {
            if (status.wireName().equals(text)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** The statuses this one may move to by an operator's action or the scheduler's. */
    public Set<CampaignStatus> next() {
        return switch (this) {
            // Activating an active or paused campaign again moves it to its newest version.
            case DRAFT -> EnumSet.of(ACTIVE, ARCHIVED);
            case ACTIVE -> EnumSet.of(ACTIVE, PAUSED, FINISHED, ARCHIVED);
            case PAUSED -> EnumSet.of(ACTIVE, ARCHIVED);
            case FINISHED -> EnumSet.of(ARCHIVED);
            case ARCHIVED -> EnumSet.noneOf(CampaignStatus.class);
        };
    }

    public boolean sends() {
        return this == ACTIVE;
    }
}
