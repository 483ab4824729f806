package com.emailengine.emulators.internet;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the local internet is laid out.
 *
 * @param dnsAddress where the DNS server listens, UDP and TCP (port 0 picks one)
 * @param smtpPort the one port every sink listens on, because an MX record carries no port
 *     (25 for a demo; 0 picks a port free on every sink address, for tests)
 * @param mailRoot where sinks write {@code .eml} files, each into {@code <root>/<provider name>/};
 *     empty keeps mail in memory only
 * @param providers the mailbox providers, each with its own sink address
 * @param maxMessageSize every sink's SIZE limit in octets
 * @param commandTimeout how long every sink waits for a client's next command
 */
public record LocalInternetSettings(InetSocketAddress dnsAddress, int smtpPort, Optional<Path> mailRoot,
                                    List<MailProvider> providers, long maxMessageSize, Duration commandTimeout) {

    public LocalInternetSettings {
        Objects.requireNonNull(dnsAddress, "dnsAddress");
        Objects.requireNonNull(mailRoot, "mailRoot");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        providers = List.copyOf(providers);
        if (smtpPort < 0 || smtpPort > 65_535) {
            throw new IllegalArgumentException("smtpPort out of range: " + smtpPort);
        }
        Set<String> names = new HashSet<>();
        Set<String> domains = new HashSet<>();
        Set<InetAddress> addresses = new HashSet<>();
        for (MailProvider provider : providers) {
            if (!names.add(provider.name())) {
                throw new IllegalArgumentException("two providers are named " + provider.name());
            }
            if (!addresses.add(provider.sinkAddress())) {
                throw new IllegalArgumentException("two providers share the sink address "
                        + provider.sinkAddress().getHostAddress() + ", but all sinks share one port");
            }
            for (String domain : provider.domains()) {
                if (!domains.add(domain)) {
                    throw new IllegalArgumentException("domain " + domain + " belongs to two providers");
                }
            }
        }
    }

    /** Memory only, default sink limits. */
    public static LocalInternetSettings of(InetSocketAddress dnsAddress, int smtpPort, List<MailProvider> providers) {
        return new LocalInternetSettings(dnsAddress, smtpPort, Optional.empty(), providers,
                SmtpSinkSettings.DEFAULT_MAX_MESSAGE_SIZE, SmtpSinkSettings.DEFAULT_COMMAND_TIMEOUT);
    }

    public LocalInternetSettings withMailRoot(Path root) {
        return new LocalInternetSettings(dnsAddress, smtpPort, Optional.of(root), providers, maxMessageSize, commandTimeout);
    }

    public LocalInternetSettings withMaxMessageSize(long octets) {
        return new LocalInternetSettings(dnsAddress, smtpPort, mailRoot, providers, octets, commandTimeout);
    }

    public LocalInternetSettings withCommandTimeout(Duration timeout) {
        return new LocalInternetSettings(dnsAddress, smtpPort, mailRoot, providers, maxMessageSize, timeout);
    }
}
