package com.emailengine.platform.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads an SMTP client's input line by line, keeping each line's bytes exactly as sent.
 * Before it blocks on the socket it runs {@code beforeBlocking}, which the session uses to
 * flush the replies it has buffered: replies to a pipelined group go out together, and no
 * reply ever waits while the server waits for input (RFC 2920 3.2).
 */
final class SmtpLineReader {

    /** One line: its bytes including the line end (cut at the cap), and its full length. */
    record Line(byte[] bytes, long length, int cap) {

        boolean tooLong() {
            return length > cap;
        }

        /** The bytes without the line end, for commands (LF or CRLF). */
        byte[] withoutLineEnd() {
            int end = bytes.length;
            if (end > 0 && bytes[end - 1] == '\n') {
                end--;
            }
            if (end > 0 && bytes[end - 1] == '\r') {
                end--;
            }
            return Arrays.copyOf(bytes, end);
        }

        boolean isEndOfData() {
            return bytes.length == 3 && bytes[0] == '.' && bytes[1] == '\r' && bytes[2] == '\n';
        }
    }

    @FunctionalInterface
    interface BeforeBlocking {
        void run() throws IOException;
    }

    private final InputStream in;
    private final BeforeBlocking beforeBlocking;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;

    SmtpLineReader(InputStream in, BeforeBlocking beforeBlocking) {
        this.in = in;
        this.beforeBlocking = beforeBlocking;
    }

    /**
     * The next line, at most {@code cap} octets kept (line end included); the rest of a longer
     * line is read and dropped. With {@code crlfOnly} only CRLF ends a line and a bare LF is
     * content, as message data requires (RFC 5321 2.3.8); otherwise a bare LF ends it too.
     *
     * @return the line, or {@code null} when the client closed before completing one
     */
    Line read(int cap, boolean crlfOnly) throws IOException {
        byte[] kept = new byte[Math.min(cap, 256)];
        int keptLength = 0;
        long length = 0;
        boolean previousCr = false;
        while (true) {
            if (position == limit) {
                beforeBlocking.run();
                int n = in.read(buffer);
                if (n < 0) {
                    return null;
                }
                position = 0;
                limit = n;
            }
            int start = position;
            boolean ended = false;
            while (position < limit) {
                byte b = buffer[position++];
                if (b == '\n' && (previousCr || !crlfOnly)) {
                    ended = true;
                    break;
                }
                previousCr = b == '\r';
            }
            int chunk = position - start;
            length += chunk;
            int room = Math.min(chunk, cap - keptLength);
            if (room > 0) {
                if (keptLength + room > kept.length) {
                    kept = Arrays.copyOf(kept, Math.min(cap, Math.max(kept.length * 2, keptLength + room)));
                }
                System.arraycopy(buffer, start, kept, keptLength, room);
                keptLength += room;
            }
            if (ended) {
                return new Line(Arrays.copyOf(kept, keptLength), length, cap);
            }
        }
    }
}
