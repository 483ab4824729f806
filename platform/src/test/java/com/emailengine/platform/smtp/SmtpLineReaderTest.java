package com.emailengine.platform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How the server core cuts a client's bytes into lines, and when it lets buffered replies go out. */
class SmtpLineReaderTest {

    @Test
    void endsCommandLinesAtCrlfOrABareLineFeed() throws IOException {
        SmtpLineReader reader = reader("EHLO a.test\r\nNOOP\nQUIT\r\n");

        assertThat(text(reader.read(1000, false).withoutLineEnd())).isEqualTo("EHLO a.test");
        assertThat(text(reader.read(1000, false).withoutLineEnd())).isEqualTo("NOOP");
        assertThat(text(reader.read(1000, false).withoutLineEnd())).isEqualTo("QUIT");
        assertThat(reader.read(1000, false)).isNull();
    }

    @Test
    void endsDataLinesOnlyAtCrlfAndKeepsABareLineFeedAsContent() throws IOException {
        SmtpLineReader reader = reader("bare\nfeed\r\n.\r\n");

        assertThat(text(reader.read(1000, true).bytes())).isEqualTo("bare\nfeed\r\n");
        assertThat(reader.read(1000, true).isEndOfData()).isTrue();
    }

    @Test
    void keepsALongLineUpToTheCapAndCountsItsWholeLength() throws IOException {
        SmtpLineReader reader = reader("x".repeat(40_000) + "\r\nnext\r\n");

        SmtpLineReader.Line line = reader.read(1000, true);

        assertThat(line.bytes()).hasSize(1000);
        assertThat(line.length()).isEqualTo(40_002);
        assertThat(line.tooLong()).isTrue();
        assertThat(text(reader.read(1000, true).bytes())).isEqualTo("next\r\n");
    }

    @Test
    void givesNothingForALineTheClientNeverFinished() throws IOException {
        assertThat(reader("MAIL FROM:<a@b.test>").read(1000, false)).isNull();
    }

    @Test
    void flushesRepliesOnlyWhenItMustWaitForInputSoAPipelinedGroupIsAnsweredAtOnce() throws IOException {
        AtomicInteger flushes = new AtomicInteger();
        byte[] group = "MAIL FROM:<a@b.test>\r\nRCPT TO:<c@d.test>\r\nDATA\r\n".getBytes(StandardCharsets.US_ASCII);
        InputStream in = new ByteArrayInputStream(group);
        SmtpLineReader reader = new SmtpLineReader(in, flushes::incrementAndGet);

        reader.read(1000, false);
        reader.read(1000, false);
        reader.read(1000, false);
        assertThat(flushes).hasValue(1);

        assertThat(reader.read(1000, false)).isNull();
        assertThat(flushes).hasValue(2);
    }

    private static SmtpLineReader reader(String input) {
        return new SmtpLineReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.US_ASCII)), () -> { });
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
