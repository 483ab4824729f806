package com.emailengine.core.campaign;

import java.time.Duration;

/**
 * One message of a sequence.
 *
 * @param delay time after enrollment (first step) or after the previous step was sent
 */
public record CampaignStep(int number, String templateKey, Duration delay) {
}
