package com.emailengine.core.validation;

import java.util.List;

/** Finds role accounts ({@code role_account}) and system mailboxes ({@code system_mailbox}) by their local part. */
public final class RoleAccountCheck implements AddressCheck {

    private final RoleAccounts roles;

    public RoleAccountCheck(RoleAccounts roles) {
        this.roles = roles;
    }

    @Override
    public ReasonCode.Check step() {
        return ReasonCode.Check.ROLE;
    }

    @Override
    public List<Finding> check(Candidate candidate) {
        RoleAccounts.Tier tier = roles.tierOf(candidate.address().localPart());
        if (tier == null) {
            return List.of();
        }
        String local = candidate.address().localPart();
        return List.of(tier == RoleAccounts.Tier.SYSTEM
                ? Finding.of(ReasonCode.SYSTEM_MAILBOX, local + "@ is a system mailbox, not a reader of campaigns")
                : Finding.of(ReasonCode.ROLE_ACCOUNT, local + "@ is the mailbox of a function, not of a person"));
    }
}
