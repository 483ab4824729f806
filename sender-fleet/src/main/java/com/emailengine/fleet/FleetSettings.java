package com.emailengine.fleet;

import com.emailengine.core.delivery.RetrySchedule;
import com.emailengine.functions.runtime.Settings;
import java.nio.file.Path;
import java.time.Duration;

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

    public static FleetSettings from(Settings settings) {
        RetrySchedule standard = RetrySchedule.standard();
        RetrySchedule retry = settings.get(RETRY_FIRST_DELAY)
                .map(s -> new RetrySchedule(Duration.ofSeconds(Long.parseLong(s)), standard.maxDelay(), standard.maxAge()))
                .orElse(standard);
        return new FleetSettings(
                settings.get(NODE_ID).orElseGet(FleetSettings::hostName),
                settings.get(DNS_RESOLVER).orElse("system"),
                Integer.parseInt(settings.get(SMTP_PORT).orElse("25")),
                Duration.ofSeconds(60),
                Integer.parseInt(settings.get(MAX_IN_FLIGHT).orElse("64")),
                Integer.parseInt(settings.get(RECEIVE_WAIT).orElse("20")),
                Duration.ofMinutes(3),
                retry,
                Path.of(settings.require(DKIM_KEY_DIR)));
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "node-" + ProcessHandle.current().pid();
        }
    }
}
