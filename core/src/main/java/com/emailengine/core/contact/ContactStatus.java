package com.emailengine.core.contact;

/**
 * Where a contact stands. A contact moves forward through these; the terminal states (bounced,
 * complained, unsubscribed) are never left by a later, less important event.
 */
public enum ContactStatus {
    NEW(0), VALID(1), INVALID(9), RISKY(1), ENROLLED(2), SENT(3), BOUNCED(8), COMPLAINED(8), UNSUBSCRIBED(8);

    /** Rank of the states no event may leave except by a more important one of rank 9. */
    public static final int TERMINAL_RANK = 8;

    private final int rank;

    ContactStatus(int rank) {
        this.rank = rank;
    }

    /**
     * Whether a contact in this state may move to {@code next}: to a higher rank, or sideways within a
     * non-terminal rank; a repeated state is no move. Stores enforce the same rule atomically on the
     * stored {@link #rank()}.
     */
    public boolean mayBecome(ContactStatus next) {
        return next.rank > rank || (next.rank == rank && next != this && rank < TERMINAL_RANK);
    }

    /** Whether mail may still be sent to a contact in this state. */
    public boolean mailable() {
        return rank < TERMINAL_RANK;
    }

    public int rank() {
        return rank;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
