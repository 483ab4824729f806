package com.emailengine.core.throttle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The per-provider throttles of {@code throttles.yaml}: which provider an MX host rolls up to and what
 * limits apply between one source IP and that provider. Immutable.
 *
 * @param providers         named providers in file order; the first whose pattern matches wins
 * @param others            the limits of every MX host no provider claims
 * @param tlsRequiredDomains recipient domains (and their subdomains) that get mail only over STARTTLS
 */
public record Throttles(List<Provider> providers, ThrottleLimits others, Set<String> tlsRequiredDomains) {

    public Throttles {
        providers = List.copyOf(providers);
        tlsRequiredDomains = Set.copyOf(tlsRequiredDomains);
    }

    /** No named provider: every MX gets the default limits. */
    public static Throttles defaults() {
        return new Throttles(List.of(), ThrottleLimits.DEFAULT, Set.of());
    }

    /**
     * The provider of a message: the one listing the recipient domain, else the one the MX host rolls up to,
     * else {@link Provider#OTHERS}.
     */
    public Provider providerFor(String recipientDomain, String mxHost) {
        for (Provider provider : providers) {
            if (provider.owns(recipientDomain)) {
                return provider;
            }
        }
        return providerOf(mxHost);
    }

    /** The provider an MX host rolls up to; {@link Provider#OTHERS} when none claims it. */
    public Provider providerOf(String mxHost) {
        for (Provider provider : providers) {
            if (provider.serves(mxHost)) {
                return provider;
            }
        }
        return new Provider(Provider.OTHERS, List.of(), others);
    }

    public Optional<Provider> named(String name) {
        if (name.equals(Provider.OTHERS)) {
            return Optional.of(new Provider(Provider.OTHERS, List.of(), others));
        }
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Every provider name including {@code others}, in file order. */
    public List<String> providerNames() {
        List<String> names = new ArrayList<>(providers.stream().map(Provider::name).toList());
        names.add(Provider.OTHERS);
        return names;
    }

    /** The TLS policy for a recipient domain at a provider: required if either says so. */
    public TlsPolicy tlsFor(String recipientDomain, Provider provider) {
        String domain = recipientDomain.toLowerCase(Locale.ROOT);
        for (String required : tlsRequiredDomains) {
            if (domain.equals(required) || domain.endsWith("." + required)) {
                return TlsPolicy.REQUIRED;
            }
        }
        return provider.limits().tls();
    }
}
