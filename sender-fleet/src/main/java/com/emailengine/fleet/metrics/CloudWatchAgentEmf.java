package com.emailengine.fleet.metrics;

import com.emailengine.platform.runtime.FleetSettingKeys;
import com.emailengine.platform.runtime.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Hands Embedded Metric Format lines to the CloudWatch agent of the node, which listens for them on
 * UDP 25888 when its configuration has {@code logs.metrics_collected.emf}: one line per datagram, no API
 * call and no credentials in the daemon. The lines are few (complaints), and loopback UDP loses a datagram
 * only when the agent is down — then the metric is lost, never the mail it counts.
 */
public final class CloudWatchAgentEmf implements Consumer<String>, AutoCloseable {


    private final DatagramSocket socket;
    private final InetSocketAddress agent;
    private final Optional<String> logGroup;

    public CloudWatchAgentEmf(InetSocketAddress agent, Optional<String> logGroup) {
        this.agent = agent;
        this.logGroup = logGroup;
        try {
            this.socket = new DatagramSocket();
        } catch (SocketException e) {
            throw new UncheckedIOException("no UDP socket for the CloudWatch agent", e);
        }
    }

    /** The agent named by {@link FleetSettingKeys#EMF}; empty when it is unset or {@code off}. */
    public static Optional<CloudWatchAgentEmf> fromSettings(Settings settings) {
        return settings.get(FleetSettingKeys.EMF).map(String::strip).filter(v -> !v.isEmpty() && !v.equalsIgnoreCase("off")).map(value -> {
            int colon = value.lastIndexOf(':');
            int port;
            try {
                port = colon <= 0 ? -1 : Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("setting " + FleetSettingKeys.EMF + " must be host:port or off, got '" + value + "'");
            }
            return new CloudWatchAgentEmf(new InetSocketAddress(value.substring(0, colon), port), settings.get(FleetSettingKeys.EMF_LOG_GROUP));
        });
    }

    public Optional<String> logGroup() {
        return logGroup;
    }

    @Override
    public void accept(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, agent));
        } catch (IOException e) {
            throw new UncheckedIOException("metric line not sent to the CloudWatch agent at " + agent, e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
