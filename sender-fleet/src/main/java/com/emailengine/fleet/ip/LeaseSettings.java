package com.emailengine.fleet.ip;

import java.time.Duration;
import java.util.List;

/**
 * What the lease keeper and its IPs need of a node's settings.
 *
 * @param nodeId        the node's name in the leases it holds
 * @param homeAddresses the addresses this node prefers (its own interfaces); empty means every pool address
 * @param ipLease       how long a lease lasts without a heartbeat
 * @param takeover      whether to take the addresses of dead nodes (when they can be bound or moved here)
 * @param smtpPort      the receivers' SMTP port, for the IPs' connections
 * @param smtpTimeout   how long one SMTP read may take
 */
public record LeaseSettings(String nodeId, List<String> homeAddresses, Duration ipLease, boolean takeover, int smtpPort,
                            Duration smtpTimeout) {

    public LeaseSettings {
        homeAddresses = List.copyOf(homeAddresses);
    }
}
