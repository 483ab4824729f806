package com.emailengine.platform.smtp;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * What a server knows about one client connection when its {@link SmtpHandler} is asked.
 *
 * @param client the client's address and port as seen on the socket
 * @param number this connection's number at the server, from 1
 * @param heloName the name the client gave in EHLO/HELO, empty before it gave one (and again after STARTTLS)
 */
public record SmtpConnection(InetSocketAddress client, long number, String heloName) {

    public InetAddress clientAddress() {
        return client.getAddress();
    }
}
