package com.emailengine.emulators.internet;

import com.emailengine.platform.smtp.SmtpMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where a sink keeps what it accepted: every message as a {@link ReceivedMail} in memory and, with a mail folder,
 * as an {@code .eml} file under a {@code Received:} header. Thread-safe: sessions store while tests read and wait.
 */
final class SinkMailbox {

    /** File names sort by arrival: UTC time to the microsecond, then a per-sink sequence number. */
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final String sinkName;
    private final String hostName;
    private final Optional<MailFolder> folder;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<ReceivedMail> received = new ArrayList<>();
    private long sequence;
    private Instant lastArrival = Instant.EPOCH;

    SinkMailbox(String sinkName, String hostName, Optional<MailFolder> folder) {
        this.sinkName = sinkName;
        this.hostName = hostName;
        this.folder = folder;
    }

    Optional<Path> folder() {
        return folder.map(MailFolder::path);
    }

    /** Keeps an accepted message: its file first (when there is a folder), then the in-memory list. */
    ReceivedMail store(SmtpMessage message) throws IOException {
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(4).toUpperCase();
        Instant at;
        long number;
        lock.lock();
        try {
            // Time and sequence are taken together so that file names sort in arrival order.
            Instant now = Instant.now();
            at = now.isAfter(lastArrival) ? now : lastArrival;
            lastArrival = at;
            number = ++sequence;
        } finally {
            lock.unlock();
        }
        var connection = message.connection();
        var envelope = message.envelope();
        Optional<Path> file = Optional.empty();
        if (folder.isPresent()) {
            String header = ReceivedHeader.format(connection.heloName(), connection.clientAddress(), hostName,
                    message.protocol(), id, envelope.recipients(), at);
            String fileName = FILE_TIME.format(at) + "-" + String.format("%09d", number) + "-" + id + ".eml";
            file = Optional.of(folder.get().write(fileName, header.getBytes(StandardCharsets.UTF_8), message.content()));
        }
        ReceivedMail mail = new ReceivedMail(id, sinkName, connection.clientAddress(), connection.heloName(),
                envelope.mailFrom(), envelope.recipients(), message.mailParameters(), message.content(), file, at);
        lock.lock();
        try {
            received.add(mail);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        return mail;
    }

    List<ReceivedMail> received() {
        lock.lock();
        try {
            return List.copyOf(received);
        } finally {
            lock.unlock();
        }
    }

    /** @throws IllegalStateException when fewer than {@code count} arrived within {@code timeout}, saying how many did */
    List<ReceivedMail> awaitReceived(int count, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (received.size() < count) {
                if (nanos <= 0) {
                    throw new IllegalStateException("sink '" + sinkName + "' received " + received.size() + " of "
                            + count + " messages within " + timeout);
                }
                nanos = arrived.awaitNanos(nanos);
            }
            return List.copyOf(received);
        } finally {
            lock.unlock();
        }
    }

    void clear() {
        lock.lock();
        try {
            received.clear();
        } finally {
            lock.unlock();
        }
    }
}
