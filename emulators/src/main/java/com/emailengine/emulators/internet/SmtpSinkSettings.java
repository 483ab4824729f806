package com.emailengine.emulators.internet;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one {@link SmtpSink} is set up.
 *
 * @param name the provider it stands for, e.g. {@code gmail}; used in logs and records
 * @param bindAddress the address and port to listen on (port 0 picks a free port)
 * @param hostName the name the sink gives itself in its greeting and Received headers
 * @param mailFolder where each accepted message is written as an {@code .eml} file; empty keeps mail in memory only
 * @param maxMessageSize the SIZE limit in octets, advertised in EHLO and enforced
 * @param commandTimeout how long the sink waits for the client's next command or data line
 */
public record SmtpSinkSettings(String name, InetSocketAddress bindAddress, String hostName,
                               Optional<Path> mailFolder, long maxMessageSize, Duration commandTimeout) {

    /** 25 MiB, the order of the limits large mailbox providers announce. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 25L * 1024 * 1024;
    /** RFC 5321 4.5.3.2.7: a server should wait at least 5 minutes for the next command. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(5);

    public SmtpSinkSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(mailFolder, "mailFolder");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a sink needs a name");
        }
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("maxMessageSize must be positive: " + maxMessageSize);
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("commandTimeout must be positive: " + commandTimeout);
        }
    }

    /** Memory only, default limits, host name {@code mx.<name>.test}. */
    public static SmtpSinkSettings of(String name, InetSocketAddress bindAddress) {
        return new SmtpSinkSettings(name, bindAddress, "mx." + name + ".test", Optional.empty(),
                DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_COMMAND_TIMEOUT);
    }

    public SmtpSinkSettings withMailFolder(Path folder) {
        return new SmtpSinkSettings(name, bindAddress, hostName, Optional.of(folder), maxMessageSize, commandTimeout);
    }

    public SmtpSinkSettings withHostName(String host) {
        return new SmtpSinkSettings(name, bindAddress, host, mailFolder, maxMessageSize, commandTimeout);
    }

    public SmtpSinkSettings withMaxMessageSize(long octets) {
        return new SmtpSinkSettings(name, bindAddress, hostName, mailFolder, octets, commandTimeout);
    }

    public SmtpSinkSettings withCommandTimeout(Duration timeout) {
        return new SmtpSinkSettings(name, bindAddress, hostName, mailFolder, maxMessageSize, timeout);
    }
}
