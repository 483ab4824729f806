package com.emailengine.emulators.internet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A mailbox provider of the local internet: its name (also the name of its sink and of its
 * mail folder), the domains whose MX points at it, and the loopback address its sink listens on.
 */
public record MailProvider(String name, List<String> domains, InetAddress sinkAddress) {

    public MailProvider {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sinkAddress, "sinkAddress");
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("provider name must be lower-case letters, digits and '-' (it names a folder): " + name);
        }
        if (domains == null || domains.isEmpty()) {
            throw new IllegalArgumentException("provider " + name + " needs at least one domain");
        }
        domains = domains.stream().map(MailProvider::bareDomain).toList();
    }

    /** The name its sink gives itself and that its first domain's MX points to, e.g. {@code mx1.gmail.test}. */
    public String hostName() {
        return "mx1." + domains.getFirst();
    }

    /** The MX host published for one of its domains, absolute: {@code mx1.<domain>.}. */
    public String mxHost(String domain) {
        return "mx1." + bareDomain(domain) + ".";
    }

    /**
     * gmail (gmail.test, googlemail.test), outlook (outlook.test, hotmail.test), yahoo
     * (yahoo.test) and example (example.test), on {@code <prefix>.1} to {@code <prefix>.4}.
     *
     * @param addressPrefix the first three octets of a loopback address, e.g. {@code 127.0.2}
     */
    public static List<MailProvider> defaultProviders(String addressPrefix) {
        if (!addressPrefix.matches("127\\.\\d{1,3}\\.\\d{1,3}")) {
            throw new IllegalArgumentException("address prefix must be three octets inside 127/8, e.g. 127.0.2: " + addressPrefix);
        }
        return List.of(
                new MailProvider("gmail", List.of("gmail.test", "googlemail.test"), address(addressPrefix + ".1")),
                new MailProvider("outlook", List.of("outlook.test", "hotmail.test"), address(addressPrefix + ".2")),
                new MailProvider("yahoo", List.of("yahoo.test"), address(addressPrefix + ".3")),
                new MailProvider("example", List.of("example.test"), address(addressPrefix + ".4")));
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + literal, e);
        }
    }

    private static String bareDomain(String domain) {
        String bare = domain.strip().toLowerCase(Locale.ROOT);
        bare = bare.endsWith(".") ? bare.substring(0, bare.length() - 1) : bare;
        if (bare.isEmpty() || !bare.contains(".")) {
            throw new IllegalArgumentException("not a domain: '" + domain + "'");
        }
        return bare;
    }
}
