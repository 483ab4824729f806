package com.emailengine.core.campaign;

import java.util.Optional;

/**
 * Which version of a campaign runs now, as the scheduler and the intake need it. Campaigns are operator data (D46):
 * they can be paused, resumed, given a new version or archived at any time, so this is asked, not held.
 */
public interface CampaignLookup {

    /** Where a campaign stands for its enrollments. */
    enum Standing {
        /** Active: its steps are sent. */
        RUNNING,
        /** Paused or not yet active: its enrollments wait where they are. */
        HELD,
        /** Archived, finished or unknown: its enrollments end. */
        ENDED
    }

    /** A campaign's standing, and the version that runs (or would run on resume) unless ended. */
    record Found(Standing standing, Optional<Campaign> campaign) {

        public static final Found ENDED = new Found(Standing.ENDED, Optional.empty());

        public static Found running(Campaign campaign) {
            return new Found(Standing.RUNNING, Optional.of(campaign));
        }
    }

    Found find(String tenantId, String campaignId);
}
