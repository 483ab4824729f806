package com.emailengine.core.campaign.definition;

/**
 * When a campaign may send, in each contact's own time zone: days ({@code mon-fri}, {@code mon,wed,fri}), hours
 * ({@code 09:00-17:00}), and whether the contact's country's weekend and public holidays are skipped.
 */
public record SendingWindowSpec(String days, String hours, boolean businessDaysOnly) {
}
