package com.emailengine.platform.smtp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How one {@link SmtpServer} is set up.
 *
 * @param name names the server's threads ({@code <name>-accept}, {@code <name>-<connection>}), e.g. {@code smtp-sink-gmail}
 * @param bindAddress the address and port to listen on (port 0 picks a free port)
 * @param hostName the name the server gives itself in its greeting, EHLO and closing replies
 * @param greeting the 220 greeting's text after the host name, e.g. {@code ESMTP Email-Engine bounce listener}
 * @param maxMessageSize the SIZE limit in octets (RFC 1870), advertised in EHLO, enforced at MAIL FROM and at end of data
 * @param commandTimeout how long a session waits for the client's next command or data line before a 421
 */
public record SmtpServerSettings(String name, InetSocketAddress bindAddress, String hostName, String greeting,
                                 long maxMessageSize, Duration commandTimeout) {

    public SmtpServerSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(greeting, "greeting");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("maxMessageSize must be positive: " + maxMessageSize);
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("commandTimeout must be positive: " + commandTimeout);
        }
    }
}
