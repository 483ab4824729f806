package com.emailengine.core.campaign.definition;

/**
 * One thing wrong with a campaign, where it is: a JSON pointer into the definition as sent ({@code /steps/1/delay}),
 * so an operator or a UI can put the message next to the field.
 */
public record CampaignProblem(String pointer, String message) {

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "" : pointer + ": ") + message;
    }
}
