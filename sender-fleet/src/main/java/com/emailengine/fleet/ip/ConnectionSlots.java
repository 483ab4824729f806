package com.emailengine.fleet.ip;

import com.emailengine.core.tenant.SendingAddress;
import com.emailengine.fleet.smtp.SmtpChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The SMTP connections one source IP may have open to one provider: exactly {@code max} channels, each
 * holding at most one open connection, so the provider never sees more than {@code max} connections from
 * the IP (PowerMTA's max-smtp-out). A sender takes a free channel, uses (or opens) its connection, and
 * gives it back; an idle connection stays open for the next message to the same host. Thread-safe.
 */
public final class ConnectionSlots {

    private final ArrayBlockingQueue<SmtpChannel> free;
    private final List<SmtpChannel> all = new ArrayList<>();

    public ConnectionSlots(SendingAddress source, int max, int port, Duration timeout, ScheduledExecutorService watchdog) {
        free = new ArrayBlockingQueue<>(max);
        for (int i = 0; i < max; i++) {
            SmtpChannel channel = new SmtpChannel(source, port, timeout, watchdog);
            all.add(channel);
            free.add(channel);
        }
    }

    /** A free channel, or null when all are in use. */
    public SmtpChannel tryTake() {
        return free.poll();
    }

    public void giveBack(SmtpChannel channel) {
        free.add(channel);
    }

    /** Channels in use or holding an open connection: what the provider sees. */
    int open() {
        int open = all.size() - free.size();
        for (SmtpChannel channel : free.toArray(new SmtpChannel[0])) {
            if (channel.isOpen()) {
                open++;
            }
        }
        return open;
    }

    /** Closes connections idle since before {@code before} (a channel in use is left alone). */
    void closeIdle(Instant before) {
        for (int i = free.size(); i > 0; i--) {
            SmtpChannel channel = free.poll();
            if (channel == null) {
                return;
            }
            if (channel.isOpen() && channel.idleSince(before)) {
                channel.close();
            }
            free.add(channel);
        }
    }

    /** Closes every idle connection; channels in use close when given back after this. */
    public void closeAll() {
        closeIdle(Instant.MAX);
    }
}
