package com.emailengine.fleet;

import com.emailengine.core.delivery.RetrySchedule;
import com.emailengine.functions.runtime.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a fleet node runs, read from the same {@link Settings} as the functions.
 *
 * @param dnsResolver   {@code system} in the cloud, {@code host:port} of the local DNS server locally
 * @param smtpPort      the receivers' SMTP port: 25 on the internet, whatever the local sinks share locally
 * @param maxInFlight   messages a node holds at once, across all its queues
 * @param dkimKeyDir    folder of the DKIM private keys (PEM) locally; the cloud reads them from Secrets Manager
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
        Path dkimKeyDir) {

    public static final String NODE_ID = "EE_FLEET_NODE_ID";
    public static final String DNS_RESOLVER = "EE_DNS_RESOLVER";
    public static final String SMTP_PORT = "EE_SMTP_PORT";
    public static final String MAX_IN_FLIGHT = "EE_FLEET_MAX_IN_FLIGHT";
    public static final String RECEIVE_WAIT = "EE_FLEET_RECEIVE_WAIT_SECONDS";
    public static final String RETRY_FIRST_DELAY = "EE_RETRY_FIRST_DELAY_SECONDS";
    public static final String DKIM_KEY_DIR = "EE_DKIM_KEY_DIR";

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
    }

    public static FleetSettings from(Settings settings) {
        RetrySchedule standard = RetrySchedule.standard();
        RetrySchedule retry = settings.get(RETRY_FIRST_DELAY)
                .map(s -> new RetrySchedule(Duration.ofSeconds(number(RETRY_FIRST_DELAY, s, 1, Integer.MAX_VALUE)),
                        standard.maxDelay(), standard.maxAge()))
                .orElse(standard);
        return new FleetSettings(
                settings.get(NODE_ID).orElseGet(FleetSettings::hostName),
                settings.get(DNS_RESOLVER).orElse("system"),
                number(SMTP_PORT, settings.get(SMTP_PORT).orElse("25"), 1, 65_535),
                Duration.ofSeconds(60),
                number(MAX_IN_FLIGHT, settings.get(MAX_IN_FLIGHT).orElse("64"), 1, Integer.MAX_VALUE),
                number(RECEIVE_WAIT, settings.get(RECEIVE_WAIT).orElse("20"), 0, MAX_RECEIVE_WAIT_SECONDS),
                Duration.ofMinutes(3),
                retry,
                Path.of(settings.require(DKIM_KEY_DIR)));
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
