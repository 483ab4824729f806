package com.emailengine.core.campaign.abtest;

/** Why a decision chose its variant: the stable code beside the reason in words. */
public enum DecisionBasis {
    /** The leader beat every other variant significantly: a real winner. */
    SIGNIFICANT_WINNER,
    /** Some variant had fewer sends than the minimum sample: the default. */
    SAMPLE_TOO_SMALL,
    /** Two or more variants shared the highest rate exactly: the default. */
    TIE,
    /** The leader did not beat every other variant significantly: the default, no winner on noise. */
    NOT_SIGNIFICANT;

    public boolean isWinner() {
        return this == SIGNIFICANT_WINNER;
    }
}
