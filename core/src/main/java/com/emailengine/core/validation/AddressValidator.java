package com.emailengine.core.validation;

import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.InvalidEmailAddressException;
import java.util.ArrayList;
import java.util.List;

/**
 * The validation pipeline: the syntax step, then each {@link AddressCheck} in order. A syntax failure ends it (there
 * is no address to check); otherwise every offline check runs, so the caller sees every reason, and network checks
 * run only for an address not already invalid. Immutable and thread-safe; checks run on the calling thread.
 */
public final class AddressValidator {

    private final List<AddressCheck> checks;

    public AddressValidator(List<AddressCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The standard pipeline: reserved names, disposable domains, role accounts, typos, suppressions, then MX. */
    public static AddressValidator standard(ValidationData data, SuppressionCheck suppressions, MailRouteCheck mailRoute) {
        List<AddressCheck> checks = new ArrayList<>(List.of(new ReservedDomainCheck(data.reservedDomains()),
                new DisposableDomainCheck(data.disposableDomains()), new RoleAccountCheck(data.roleAccounts()),
                new DomainTypoCheck(data.providerTypos())));
        if (suppressions != null) {
            checks.add(suppressions);
        }
        if (mailRoute != null) {
            checks.add(mailRoute);
        }
        return new AddressValidator(checks);
    }

    /** This pipeline without the checks that use the network. */
    public AddressValidator offline() {
        return new AddressValidator(checks.stream().filter(check -> !check.usesNetwork()).toList());
    }

    /** This pipeline with only the checks that use the network (for a second pass after an offline one). */
    public AddressValidator networkOnly() {
        return new AddressValidator(checks.stream().filter(AddressCheck::usesNetwork).toList());
    }

    public List<AddressCheck> checks() {
        return checks;
    }

    public Validation validate(String raw) {
        return validate(raw, null, ValidationPolicy.DEFAULT);
    }

    public Validation validate(String raw, String tenantId, ValidationPolicy policy) {
        EmailAddress address;
        try {
            address = EmailAddress.parse(raw);
        } catch (InvalidEmailAddressException e) {
            return Validation.of(raw, null, List.of(new Finding(e.reason(), Verdict.INVALID, e.getMessage(), null)));
        }
        return validate(raw, address, tenantId, policy);
    }

    /** Runs the checks on an address that passed the syntax step. */
    public Validation validate(String input, EmailAddress address, String tenantId, ValidationPolicy policy) {
        List<Finding> findings = new ArrayList<>(2);
        if (address.needsSmtpUtf8()) {
            findings.add(Finding.of(ReasonCode.SMTPUTF8_REQUIRED, "the local part is UTF-8; the receiver must offer SMTPUTF8"));
        }
        return continueWith(input, address, tenantId, policy, findings);
    }

    /** Runs the checks after {@code earlier}'s, keeping its findings (an offline pass followed by the network pass). */
    public Validation resume(Validation earlier, String tenantId, ValidationPolicy policy) {
        if (earlier.address() == null) {
            return earlier;
        }
        return continueWith(earlier.input(), earlier.address(), tenantId, policy, new ArrayList<>(earlier.findings()));
    }

    private Validation continueWith(String input, EmailAddress address, String tenantId, ValidationPolicy policy,
                                    List<Finding> findings) {
        Candidate candidate = new Candidate(address, tenantId);
        boolean invalid = findings.stream().anyMatch(f -> f.effect() == Verdict.INVALID);
        for (AddressCheck check : checks) {
            if (invalid && check.usesNetwork()) {
                continue;
            }
            for (Finding finding : check.check(candidate)) {
                Finding effective = policy.apply(finding);
                findings.add(effective);
                invalid |= effective.effect() == Verdict.INVALID;
            }
        }
        return Validation.of(input, address, findings);
    }
}
