package com.emailengine.core.validation;

import java.util.List;

/** Finds likely misspellings of big providers' domains and suggests the intended address; never rewrites it. */
public final class DomainTypoCheck implements AddressCheck {

    private final ProviderTypos typos;

    public DomainTypoCheck(ProviderTypos typos) {
        this.typos = typos;
    }

    @Override
    public ReasonCode.Check step() {
        return ReasonCode.Check.TYPO;
    }

    @Override
    public List<Finding> check(Candidate candidate) {
        String suggestion = typos.suggestionFor(candidate.address().asciiDomain());
        if (suggestion == null) {
            return List.of();
        }
        String address = candidate.address().localPart() + "@" + suggestion;
        return List.of(new Finding(ReasonCode.DOMAIN_TYPO.code(), ReasonCode.DOMAIN_TYPO.defaultEffect(),
                candidate.address().domain() + " looks like a misspelling of " + suggestion, address));
    }
}
