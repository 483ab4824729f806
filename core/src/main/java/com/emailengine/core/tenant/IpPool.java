package com.emailengine.core.tenant;

import java.util.List;

/** The dedicated source addresses a tenant sends from; no address belongs to two pools. */
public record IpPool(String name, List<SendingAddress> addresses) {

    public IpPool {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("pool " + name + " has no address");
        }
    }

    public boolean contains(String ip) {
        return addresses.stream().anyMatch(a -> a.ip().equals(ip));
    }
}
