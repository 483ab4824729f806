package com.emailengine.core.tenant;

import java.net.InetAddress;
import java.util.Objects;

/** One source IP of a tenant's pool and the name it announces in EHLO (its PTR name). */
public record SendingAddress(InetAddress address, String ehloName) {

    public SendingAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(ehloName, "ehloName");
    }

    public String ip() {
        return address.getHostAddress();
    }
}
