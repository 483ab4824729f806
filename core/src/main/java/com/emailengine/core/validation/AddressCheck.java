package com.emailengine.core.validation;

import java.util.List;

/**
 * One named step of address validation: small, with its own stable {@link ReasonCode}s, run in a fixed order by
 * {@link AddressValidator} after the syntax step has produced a parsed address (the shape of a mail-processing
 * pipeline such as Apache James's mailets).
 *
 * <p>Contract. Implementations are immutable once built and are called concurrently from many threads (bulk
 * validation runs many addresses at once), so they hold no per-call state. A check never throws for any address:
 * when it cannot decide (a DNS timeout, a store that does not answer) it reports a finding whose effect is
 * {@link Verdict#UNKNOWN}, never {@code INVALID}. A check that uses the network says so in {@link #usesNetwork()}:
 * offline validation leaves it out, and the validator skips it for an address already found invalid.
 */
public interface AddressCheck {

    /** The step this check is, as reported and documented. */
    ReasonCode.Check step();

    default boolean usesNetwork() {
        return false;
    }

    /** What this check finds about the address, with each finding's default effect; empty when it passes. */
    List<Finding> check(Candidate candidate);
}
