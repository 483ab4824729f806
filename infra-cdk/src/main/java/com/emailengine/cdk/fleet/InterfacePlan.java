package com.emailengine.cdk.fleet;

import java.util.List;

/**
 * A network interface of a node carrying sending addresses; the first is its primary private address,
 * the others secondary ones. Each address gets its own Elastic IP.
 *
 * @param deviceIndex where the node attaches it (1, 2, ...; 0 is the node's own interface)
 */
public record InterfacePlan(int deviceIndex, List<SendingAddressPlan> addresses) {

    public InterfacePlan {
        addresses = List.copyOf(addresses);
    }
}
