package com.emailengine.core.validation;

import com.emailengine.core.contact.EmailHash;
import com.emailengine.core.suppression.SuppressionList;
import java.util.List;

/**
 * Refuses addresses on the tenant's or the global suppression list. Without a tenant only the global list applies.
 * A store failure propagates (it says nothing about the address): the caller retries.
 */
public final class SuppressionCheck implements AddressCheck {

    private final SuppressionList list;

    public SuppressionCheck(SuppressionList list) {
        this.list = list;
    }

    @Override
    public ReasonCode.Check step() {
        return ReasonCode.Check.SUPPRESSION;
    }

    @Override
    public List<Finding> check(Candidate candidate) {
        EmailHash id = EmailHash.of(candidate.address());
        String scope = candidate.tenantId() == null ? SuppressionList.GLOBAL : candidate.tenantId();
        return list.suppressed(scope, List.of(id)).isEmpty() ? List.of()
                : List.of(Finding.of(ReasonCode.SUPPRESSED, "the address is on a suppression list"));
    }
}
