package com.emailengine.fleet.ip;

import java.util.Optional;

/**
 * The address receivers see for a pool address, which is what blocklists list. Locally they are the same; on EC2
 * the node binds a private address and the Internet sees its Elastic IP.
 *
 * <p>Contract: {@link #refresh} rereads the mapping where it can change (called once before each round of checks)
 * and never throws, keeping the last mapping when it cannot read a new one; {@link #publicOf} is empty for an
 * address that has no public address known.
 */
public interface PublicAddresses {

    default void refresh() {
    }

    Optional<String> publicOf(String poolAddress);
}
