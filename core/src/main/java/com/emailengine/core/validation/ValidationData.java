package com.emailengine.core.validation;

/**
 * The lists the offline checks consult, shipped as resources beside this class (their sources, licences and the
 * refresh script are described in {@code SOURCES.md} there). Loaded once per process; immutable.
 */
public record ValidationData(DomainSet reservedDomains, DomainSet disposableDomains, RoleAccounts roleAccounts,
                             ProviderTypos providerTypos) {

    private static final class Shipped {
        static final ValidationData INSTANCE = new ValidationData(
                DomainSet.fromResource(ValidationData.class, "reserved-domains.txt"),
                DomainSet.fromResource(ValidationData.class, "disposable-domains.txt"),
                RoleAccounts.fromResource(ValidationData.class, "role-accounts.txt"),
                ProviderTypos.fromResources(ValidationData.class, "mail-providers.txt", "domain-typos.txt"));
    }

    /** The lists shipped with the engine, read on first use. */
    public static ValidationData shipped() {
        return Shipped.INSTANCE;
    }
}
