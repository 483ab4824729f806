package com.emailengine.fleet.ip;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Whether this machine can bind a socket to an address now, i.e. whether the OS carries it. Asked again every
 * time: on EC2 an address comes and goes as it moves between nodes, so no answer stays true.
 */
@FunctionalInterface
public interface BindCheck {

    boolean canBind(String ip);

    /** Binds a socket to the address on any free port and closes it at once. */
    BindCheck SOCKET = ip -> {
        try (Socket probe = new Socket()) {
            probe.bind(new InetSocketAddress(ip, 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    };
}
