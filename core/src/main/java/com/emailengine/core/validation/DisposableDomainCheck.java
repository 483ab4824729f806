package com.emailengine.core.validation;

import java.util.List;

/** Finds throwaway-mailbox domains (and names below them) from the shipped list. */
public final class DisposableDomainCheck implements AddressCheck {

    private final DomainSet disposable;

    public DisposableDomainCheck(DomainSet disposable) {
        this.disposable = disposable;
    }

    @Override
    public ReasonCode.Check step() {
        return ReasonCode.Check.DISPOSABLE;
    }

    @Override
    public List<Finding> check(Candidate candidate) {
        String match = disposable.match(candidate.address().asciiDomain());
        return match == null ? List.of()
                : List.of(Finding.of(ReasonCode.DISPOSABLE_DOMAIN, match + " hands out disposable mailboxes"));
    }
}
