package com.emailengine.core.dns;

import java.net.InetAddress;
import java.util.List;

/** A host that receives mail for a domain, with its MX preference (lower first) and addresses. */
public record MailHost(String name, int preference, List<InetAddress> addresses) {

    public MailHost {
        addresses = List.copyOf(addresses);
    }
}
