package com.emailengine.core.validation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every reason code validation can report: stable strings that API responses, the contact history, the CLI and
 * operators' scripts rely on. Never rename one; add new ones. docs/validation.md lists them (a test keeps it in step).
 *
 * <p>{@link #overridable()} codes may have their effect changed per tenant by the intake policy in
 * {@code routing.yaml} (e.g. accept role accounts for business-to-business outreach); syntax and DNS facts may not.
 */
public enum ReasonCode {
    // syntax: the address cannot be mailed as written
    EMPTY(Check.SYNTAX, Verdict.INVALID, false, "the address is empty"),
    QUOTED_LOCAL_PART(Check.SYNTAX, Verdict.INVALID, false, "quoted local part (\"john doe\"@...), which senders refuse"),
    COMMENT(Check.SYNTAX, Verdict.INVALID, false, "a comment in parentheses (RFC 5322 CFWS)"),
    MISSING_AT(Check.SYNTAX, Verdict.INVALID, false, "no @"),
    MULTIPLE_AT(Check.SYNTAX, Verdict.INVALID, false, "more than one @ outside quotes"),
    EMPTY_LOCAL_PART(Check.SYNTAX, Verdict.INVALID, false, "nothing before the @"),
    LOCAL_PART_TOO_LONG(Check.SYNTAX, Verdict.INVALID, false, "more than 64 octets before the @ (RFC 5321 §4.5.3.1.1)"),
    INVALID_LOCAL_PART(Check.SYNTAX, Verdict.INVALID, false, "a character or dot placement RFC 5322 dot-atom does not allow"),
    TOO_LONG(Check.SYNTAX, Verdict.INVALID, false, "more than 254 octets in all (RFC 5321 §4.5.3.1.3)"),
    EMPTY_DOMAIN(Check.SYNTAX, Verdict.INVALID, false, "nothing after the @"),
    IP_LITERAL_DOMAIN(Check.SYNTAX, Verdict.INVALID, false, "an address literal ([192.0.2.1]) instead of a domain"),
    INVALID_DOMAIN(Check.SYNTAX, Verdict.INVALID, false, "a domain label that is empty, too long, or not letters, digits and inner hyphens"),
    INVALID_IDN(Check.SYNTAX, Verdict.INVALID, false, "an internationalized label IDNA 2008 does not allow, or a broken xn-- label"),
    DOMAIN_TOO_LONG(Check.SYNTAX, Verdict.INVALID, false, "a domain longer than 253 octets in A-label form"),
    SINGLE_LABEL_DOMAIN(Check.SYNTAX, Verdict.INVALID, false, "a domain of one label (user@localhost)"),
    NUMERIC_TLD(Check.SYNTAX, Verdict.INVALID, false, "an all-numeric top-level label (user@example.123)"),
    SMTPUTF8_REQUIRED(Check.SYNTAX, Verdict.VALID, false,
            "informational: the local part is UTF-8, so delivery needs a receiver that offers SMTPUTF8 (RFC 6531)"),
    // reserved names: can never receive mail on the internet
    RESERVED_DOMAIN(Check.RESERVED, Verdict.INVALID, false, "a name reserved for documentation or local use (RFC 2606, 6761, 6762, 7686)"),
    // lists shipped as data
    DISPOSABLE_DOMAIN(Check.DISPOSABLE, Verdict.INVALID, true, "a throwaway-mailbox domain (disposable-domains.txt)"),
    ROLE_ACCOUNT(Check.ROLE, Verdict.RISKY, true, "a mailbox of a function, not a person (info@, sales@; role-accounts.txt)"),
    SYSTEM_MAILBOX(Check.ROLE, Verdict.INVALID, true, "a mailbox no marketing may reach (postmaster@, abuse@, noreply@; RFC 2142)"),
    DOMAIN_TYPO(Check.TYPO, Verdict.RISKY, true, "a likely misspelling of a big provider's domain; the suggestion says which"),
    // the tenant's and the global suppression lists
    SUPPRESSED(Check.SUPPRESSION, Verdict.INVALID, false, "on a suppression list (unsubscribed, complained, hard-bounced or added by an operator)"),
    // DNS (RFC 5321 §5.1, RFC 7505)
    NXDOMAIN(Check.MAIL_ROUTE, Verdict.INVALID, false, "the domain does not exist"),
    NULL_MX(Check.MAIL_ROUTE, Verdict.INVALID, false, "the domain publishes a null MX: it accepts no mail (RFC 7505)"),
    NO_MAIL_HOST(Check.MAIL_ROUTE, Verdict.INVALID, false, "the domain has neither MX nor address records"),
    IMPLICIT_MX(Check.MAIL_ROUTE, Verdict.VALID, true,
            "informational: no MX, mail goes to the domain's own address (RFC 5321 §5.1 fallback)"),
    DNS_TIMEOUT(Check.MAIL_ROUTE, Verdict.UNKNOWN, false, "DNS did not answer in time; retried later, never taken as invalid"),
    DNS_ERROR(Check.MAIL_ROUTE, Verdict.UNKNOWN, false, "DNS answered with an error (SERVFAIL, REFUSED); retried later"),
    MX_UNRESOLVED(Check.MAIL_ROUTE, Verdict.UNKNOWN, false, "the MX hosts have no address yet; retried later");

    /** The named steps of the pipeline, in the order they run. */
    public enum Check {
        SYNTAX, RESERVED, DISPOSABLE, ROLE, TYPO, SUPPRESSION, MAIL_ROUTE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private static final Map<String, ReasonCode> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ReasonCode::code, Function.identity()));

    private final Check check;
    private final Verdict defaultEffect;
    private final boolean overridable;
    private final String description;
    private final String code;

    ReasonCode(Check check, Verdict defaultEffect, boolean overridable, String description) {
        this.check = check;
        this.defaultEffect = defaultEffect;
        this.overridable = overridable;
        this.description = description;
        this.code = name().toLowerCase(Locale.ROOT);
    }

    public String code() {
        return code;
    }

    public Check check() {
        return check;
    }

    public Verdict defaultEffect() {
        return defaultEffect;
    }

    public boolean overridable() {
        return overridable;
    }

    public String description() {
        return description;
    }

    public static Optional<ReasonCode> of(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
