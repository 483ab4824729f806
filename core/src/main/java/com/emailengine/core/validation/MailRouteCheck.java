package com.emailengine.core.validation;

import com.emailengine.core.dns.MailRoute;
import com.emailengine.core.dns.MailRouteResolver;
import java.util.List;

/**
 * Asks DNS whether the domain takes mail (RFC 5321 §5.1): MX hosts, else the domain's own address (reported as
 * {@code implicit_mx}); a missing domain, a null MX (RFC 7505) or neither MX nor address make the address invalid.
 * DNS that does not answer (timeout, SERVFAIL) makes it {@code unknown}: retried later, never invalid. Lookups are
 * cached and shared by {@link MailRouteResolver}, so many addresses of one domain cost one query.
 */
public final class MailRouteCheck implements AddressCheck {

    private final MailRouteResolver resolver;

    public MailRouteCheck(MailRouteResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public ReasonCode.Check step() {
        return ReasonCode.Check.MAIL_ROUTE;
    }

    @Override
    public boolean usesNetwork() {
        return true;
    }

    @Override
    public List<Finding> check(Candidate candidate) {
        String domain = candidate.address().asciiDomain();
        MailRoute route = resolver.resolve(domain);
        return switch (route) {
            case MailRoute.Hosts hosts when hosts.implicit() ->
                    List.of(Finding.of(ReasonCode.IMPLICIT_MX, domain + " has no MX; mail goes to its own address"));
            case MailRoute.Hosts hosts -> List.of();
            case MailRoute.NoMail noMail -> List.of(switch (noMail.reason()) {
                case "nxdomain" -> Finding.of(ReasonCode.NXDOMAIN, domain + " does not exist");
                case "null_mx" -> Finding.of(ReasonCode.NULL_MX, domain + " publishes a null MX: it takes no mail");
                case "invalid_domain" -> Finding.of(ReasonCode.INVALID_DOMAIN, domain + " is not a DNS name");
                default -> Finding.of(ReasonCode.NO_MAIL_HOST, domain + " has neither MX nor address records");
            });
            case MailRoute.Unknown unknown -> List.of(switch (unknown.reason()) {
                case "dns_timeout" -> Finding.of(ReasonCode.DNS_TIMEOUT, "DNS did not answer for " + domain + "; will retry");
                case "mx_hosts_unresolved" -> Finding.of(ReasonCode.MX_UNRESOLVED, "the MX hosts of " + domain + " have no address; will retry");
                default -> Finding.of(ReasonCode.DNS_ERROR, "DNS answered " + unknown.reason() + " for " + domain + "; will retry");
            });
        };
    }
}
