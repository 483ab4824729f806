package com.emailengine.core.validation;

import java.util.List;

/**
 * Refuses names that can never receive mail on the internet: {@code .invalid}, {@code .localhost}, {@code .local}
 * (multicast DNS), {@code .onion}, {@code .example} and the documentation domains {@code example.com/.net/.org}
 * (RFC 2606, RFC 6761 §6, RFC 6762, RFC 7686). {@code .test} is deliberately absent: the local cloud's mailbox
 * providers live there, and in the cloud DNS answers NXDOMAIN for it anyway.
 */
public final class ReservedDomainCheck implements AddressCheck {

    private final DomainSet reserved;

    public ReservedDomainCheck(DomainSet reserved) {
        this.reserved = reserved;
    }

    @Override
    public ReasonCode.Check step() {
        return ReasonCode.Check.RESERVED;
    }

    @Override
    public List<Finding> check(Candidate candidate) {
        String match = reserved.match(candidate.address().asciiDomain());
        return match == null ? List.of()
                : List.of(Finding.of(ReasonCode.RESERVED_DOMAIN, candidate.address().asciiDomain() + " is under the reserved name " + match));
    }
}
