package com.emailengine.emulators.internet;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * What a sink knows about one client connection when its {@link SinkBehaviour} is asked.
 *
 * @param sinkName the sink's name, e.g. {@code gmail}
 * @param client the client's address and port as seen on the socket
 * @param number this connection's number at the sink, from 1
 * @param heloName the name the client gave in EHLO/HELO, empty before it gave one
 */
public record SinkConnection(String sinkName, InetSocketAddress client, long number, String heloName) {

    public InetAddress clientAddress() {
        return client.getAddress();
    }
}
