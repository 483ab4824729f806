package com.emailengine.fleet.node;

import com.emailengine.core.delivery.RetrySchedule;
import com.emailengine.fleet.ec2.NodeInterfaces;
import com.emailengine.fleet.ip.LeaseSettings;
import com.emailengine.platform.runtime.FleetSettingKeys;
import com.emailengine.platform.runtime.Settings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a fleet node runs, read from the same {@link Settings} as the functions.
 *
 * @param dnsResolver   {@code system} in the cloud, {@code host:port} of the local DNS server locally
 * @param smtpPort      the receivers' SMTP port: 25 on the internet, whatever the local sinks share locally
 * @param maxInFlight   messages a node holds at once, across all its queues
 * @param dkimKeyDir    folder of the DKIM private keys (PEM); in the cloud the boot script writes them there from
 *                      Secrets Manager
 * @param addresses     the node's home addresses (its own interfaces); empty: every pool address is home
 * @param ipLease       how long an IP lease lasts without a heartbeat (renewed every third of it): a dead node's
 *                      IPs move to another node within this plus one heartbeat
 * @param takeover      whether the node takes over the IPs of dead nodes (those it can bind, or move here)
 * @param metricsAddress where to serve Prometheus metrics ({@code /metrics}); empty: not served
 * @param bounceAddress where the bounce listener accepts DSN and ARF mail; empty: not started
 * @param interfaces    on EC2, the node's sending interfaces with their home addresses and the per-interface
 *                      address limit: addresses move onto them on takeover and back on return ({@link Ec2AddressMover});
 *                      empty: addresses never move (the local cloud)
 */
public record FleetSettings(
        String nodeId,
        String dnsResolver,
        int smtpPort,
        Duration smtpTimeout,
        int maxInFlight,
        int receiveWaitSeconds,
        Duration lease,
        RetrySchedule retry,
        Path dkimKeyDir,
        List<String> addresses,
        Duration ipLease,
        boolean takeover,
        Optional<InetSocketAddress> metricsAddress,
        Optional<InetSocketAddress> bounceAddress,
        Optional<NodeInterfaces> interfaces) {

    /** Defaults of a node without these settings: leases of 30 s, taking over dead nodes' IPs, no endpoints. */
    public FleetSettings(String nodeId, String dnsResolver, int smtpPort, Duration smtpTimeout, int maxInFlight,
                         int receiveWaitSeconds, Duration lease, RetrySchedule retry, Path dkimKeyDir) {
        this(nodeId, dnsResolver, smtpPort, smtpTimeout, maxInFlight, receiveWaitSeconds, lease, retry, dkimKeyDir, List.of(),
                Duration.ofSeconds(30), true, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** What the node's lease keeper and IPs work with. */
    public LeaseSettings leases() {
        return new LeaseSettings(nodeId, addresses, ipLease, takeover, smtpPort, smtpTimeout);
    }

    /** SQS's longest long poll (ReceiveMessage WaitTimeSeconds): 20 seconds. */
    private static final int MAX_RECEIVE_WAIT_SECONDS = 20;

    /** Refuses values a node cannot run with: SQS would reject every receive, or the node would never take a message. */
    public FleetSettings {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(retry, "retry");
        requireRange("smtpPort", smtpPort, 1, 65_535);
        requireRange("maxInFlight", maxInFlight, 1, Integer.MAX_VALUE);
        requireRange("receiveWaitSeconds", receiveWaitSeconds, 0, MAX_RECEIVE_WAIT_SECONDS);
        requirePositive("smtpTimeout", smtpTimeout);
        requirePositive("lease", lease);
        requirePositive("retry first delay", retry.firstDelay());
        requirePositive("ipLease", ipLease);
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(metricsAddress, "metricsAddress");
        Objects.requireNonNull(bounceAddress, "bounceAddress");
        Objects.requireNonNull(interfaces, "interfaces");
        if (interfaces.isPresent() && !interfaces.get().home().equals(Set.copyOf(addresses))) {
            throw new IllegalArgumentException("settings " + FleetSettingKeys.INTERFACES + " and " + FleetSettingKeys.ADDRESSES
                    + " must list the same addresses: the interfaces carry exactly the node's home addresses");
        }
    }

    public FleetSettings withAddresses(List<String> home) {
        return new FleetSettings(nodeId, dnsResolver, smtpPort, smtpTimeout, maxInFlight, receiveWaitSeconds, lease, retry,
                dkimKeyDir, home, ipLease, takeover, metricsAddress, bounceAddress, interfaces);
    }

    public FleetSettings withIpLease(Duration ttl) {
        return new FleetSettings(nodeId, dnsResolver, smtpPort, smtpTimeout, maxInFlight, receiveWaitSeconds, lease, retry,
                dkimKeyDir, addresses, ttl, takeover, metricsAddress, bounceAddress, interfaces);
    }

    public FleetSettings withMetrics(InetSocketAddress address) {
        return new FleetSettings(nodeId, dnsResolver, smtpPort, smtpTimeout, maxInFlight, receiveWaitSeconds, lease, retry,
                dkimKeyDir, addresses, ipLease, takeover, Optional.of(address), bounceAddress, interfaces);
    }

    public FleetSettings withBounceListener(InetSocketAddress address) {
        return new FleetSettings(nodeId, dnsResolver, smtpPort, smtpTimeout, maxInFlight, receiveWaitSeconds, lease, retry,
                dkimKeyDir, addresses, ipLease, takeover, metricsAddress, Optional.of(address), interfaces);
    }

    public static FleetSettings from(Settings settings) {
        RetrySchedule standard = RetrySchedule.standard();
        RetrySchedule retry = settings.get(FleetSettingKeys.RETRY_FIRST_DELAY)
                .map(s -> new RetrySchedule(Duration.ofSeconds(number(FleetSettingKeys.RETRY_FIRST_DELAY, s, 1, Integer.MAX_VALUE)),
                        standard.maxDelay(), standard.maxAge()))
                .orElse(standard);
        return new FleetSettings(
                settings.get(FleetSettingKeys.NODE_ID).orElseGet(FleetSettings::hostName),
                settings.get(Settings.DNS_RESOLVER).orElse("system"),
                number(FleetSettingKeys.SMTP_PORT, settings.get(FleetSettingKeys.SMTP_PORT).orElse("25"), 1, 65_535),
                Duration.ofSeconds(60),
                number(FleetSettingKeys.MAX_IN_FLIGHT, settings.get(FleetSettingKeys.MAX_IN_FLIGHT).orElse("64"), 1, Integer.MAX_VALUE),
                number(FleetSettingKeys.RECEIVE_WAIT, settings.get(FleetSettingKeys.RECEIVE_WAIT).orElse("20"), 0, MAX_RECEIVE_WAIT_SECONDS),
                Duration.ofMinutes(3),
                retry,
                Path.of(settings.require(FleetSettingKeys.DKIM_KEY_DIR)),
                settings.get(FleetSettingKeys.ADDRESSES).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList())
                        .orElse(List.of()),
                Duration.ofSeconds(number(FleetSettingKeys.IP_LEASE, settings.get(FleetSettingKeys.IP_LEASE).orElse("30"), 6, 3600)),
                settings.get(FleetSettingKeys.TAKEOVER).map(v -> bool(FleetSettingKeys.TAKEOVER, v)).orElse(true),
                settings.get(FleetSettingKeys.METRICS).flatMap(v -> endpoint(FleetSettingKeys.METRICS, v)),
                settings.get(FleetSettingKeys.BOUNCE_LISTENER).flatMap(v -> endpoint(FleetSettingKeys.BOUNCE_LISTENER, v)),
                settings.get(FleetSettingKeys.INTERFACES).filter(v -> !v.isBlank()).map(v -> NodeInterfaces.parse(FleetSettingKeys.INTERFACES, v,
                        number(FleetSettingKeys.ADDRESSES_PER_INTERFACE, settings.get(FleetSettingKeys.ADDRESSES_PER_INTERFACE).orElseThrow(() -> new IllegalArgumentException(
                                "setting " + FleetSettingKeys.ADDRESSES_PER_INTERFACE + " is required with " + FleetSettingKeys.INTERFACES)), 1, 100))));
    }

    private static boolean bool(String key, String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("setting " + key + " must be true or false, got '" + value + "'");
        };
    }

    /** {@code host:port}, {@code :port} (every interface) or {@code off}. */
    private static Optional<InetSocketAddress> endpoint(String key, String value) {
        String text = value.strip();
        if (text.equalsIgnoreCase("off") || text.isEmpty()) {
            return Optional.empty();
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("setting " + key + " must be host:port, :port or off, got '" + value + "'");
        }
        int port = number(key, text.substring(colon + 1), 0, 65_535);
        String host = text.substring(0, colon);
        return Optional.of(host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port));
    }

    private static int number(String key, String value, int min, int max) {
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be a whole number, got '" + value + "'", e);
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException("setting " + key + " must be " + (max == Integer.MAX_VALUE ? "at least " + min
                    : "between " + min + " and " + max) + ", got " + parsed);
        }
        return parsed;
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "node-" + ProcessHandle.current().pid();
        }
    }
}
