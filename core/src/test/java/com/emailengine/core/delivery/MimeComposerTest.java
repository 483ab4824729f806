package com.emailengine.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MimeComposerTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final MimeComposer composer = new MimeComposer(Clock.fixed(NOW, ZoneOffset.UTC));

    private static OutboundMessage message(String subject, String html, String text) {
        return new OutboundMessage("abc123", "sos-expat", "welcome", 0, "c1", "zoe@example.test", "hello@sos-expat.test",
                "SOS-Expat Équipe", "b+abc123@bounces.sos-expat.test", subject, html, text, "fr", NOW);
    }

    private static MimeMessage parse(byte[] bytes) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }

    @Test
    void composesMultipartAlternativeWithTextFirstAndUtf8Parts() throws Exception {
        byte[] bytes = composer.compose(message("Bienvenue chez SOS-Expat", "<p>Bonjour Zoé</p>", "Bonjour Zoé\n"), "sos-expat.test");
        MimeMessage parsed = parse(bytes);

        assertThat(parsed.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) parsed.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        // Text line ends travel as CRLF, the canonical form of text in MIME (RFC 2046 §4.1.1).
        assertThat((String) parts.getBodyPart(0).getContent()).isEqualTo("Bonjour Zoé\r\n");
        assertThat((String) parts.getBodyPart(1).getContent()).isEqualTo("<p>Bonjour Zoé</p>");
        assertThat(parsed.getHeader("Message-ID")[0]).isEqualTo("<abc123@sos-expat.test>");
        assertThat(parsed.getHeader("Feedback-ID")[0]).isEqualTo("welcome:0:sos-expat:ee");
        assertThat(parsed.getFrom()[0].toString()).contains("hello@sos-expat.test");
        assertThat(parsed.getSentDate().toInstant()).isEqualTo(NOW);
    }

    @Test
    void offersOneClickUnsubscribeToTheRecipientsOwnAddress() throws Exception {
        MimeMessage parsed = parse(composer.compose(message("Bienvenue", "<p>Bonjour</p>", "Bonjour\n"), "sos-expat.test"));

        assertThat(parsed.getHeader("List-Unsubscribe")).containsExactly("<https://sos-expat.test/ee/unsubscribe/abc123>");
        assertThat(parsed.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
    }

    @Test
    void writesAnInternationalizedRecipientDomainInItsAsciiForm() throws Exception {
        OutboundMessage idn = new OutboundMessage("id2", "sos-expat", "welcome", 0, "c1", "zoe@bücher.example",
                "hello@sos-expat.test", "SOS", "b+id2@bounces.sos-expat.test", "S", "<p>x</p>", "x", "fr", NOW);

        MimeMessage parsed = parse(composer.compose(idn, "sos-expat.test"));

        assertThat(parsed.getHeader("To")[0]).isEqualTo("zoe@xn--bcher-kva.example");
    }

    @Test
    void encodesRightToLeftAndCjkSubjectsAndReadsThemBack() throws Exception {
        String arabic = "مرحبًا بك في SOS-Expat";
        String chinese = "欢迎来到 Ulixai";

        assertThat(parse(composer.compose(message(arabic, "<p>x</p>", "x"), "sos-expat.test")).getSubject()).isEqualTo(arabic);
        String raw = new String(composer.compose(message(chinese, "<p>x</p>", "x"), "sos-expat.test"), StandardCharsets.US_ASCII);
        assertThat(raw).contains("Subject: =?UTF-8?");
        assertThat(parse(raw.getBytes(StandardCharsets.US_ASCII)).getSubject()).isEqualTo(chinese);
    }

    @Test
    void endsLinesWithCrlfEvenInShortPlainAsciiParts() {
        assertCrlfAndShortLines(composer.compose(message("Plain", "<p>a</p>\n<p>b</p>\n", "line one\nline two\r\nthree\r"),
                "sos-expat.test"));
    }

    @Test
    void keepsEveryLineWithin998OctetsAndEndsLinesWithCrlfOnly() {
        String longLine = "<p>" + "x".repeat(5000) + " é</p>";
        assertCrlfAndShortLines(composer.compose(message("Long", longLine, "y".repeat(3000)), "sos-expat.test"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"Hello\r\nBcc: victim@example.test", "Hello\nX-Evil: 1", "Hello\r"})
    void aLineBreakInTheSubjectOrAnotherHeaderValueIsRefused(String injected) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> composer.compose(message(injected, "<p>x</p>", "x"), "sos-expat.test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Subject").hasMessageContaining("line break");
        OutboundMessage badName = new OutboundMessage("id3", "sos-expat", "welcome", 0, "c1", "zoe@example.test",
                "hello@sos-expat.test", "SOS" + injected, "b+id3@bounces.sos-expat.test", "S", "<p>x</p>", "x", "fr", NOW);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> composer.compose(badName, "sos-expat.test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("From name");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"Hello\u0000there", "Hello\u001bthere", "Hello\u007f"})
    void aNulOrAnotherControlCharacterInAHeaderValueIsRefused(String value) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> composer.compose(message(value, "<p>x</p>", "x"), "sos-expat.test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Subject").hasMessageContaining("control character");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> composer.compose(message("S", "<p>x</p>", "x"), "sos-expat.test" + value))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Message-ID domain");
    }

    @Test
    void aTabInTheSubjectIsWhiteSpaceAndComposes() throws Exception {
        assertThat(parse(composer.compose(message("Hello\tthere", "<p>x</p>", "x"), "sos-expat.test")).getSubject())
                .isEqualTo("Hello\tthere");
    }

    private static void assertCrlfAndShortLines(byte[] bytes) {
        int lineLength = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r') {
                assertThat(i + 1 < bytes.length && bytes[i + 1] == '\n').as("CR at %d followed by LF", i).isTrue();
            } else if (bytes[i] == '\n') {
                assertThat(i > 0 && bytes[i - 1] == '\r').as("LF at %d preceded by CR", i).isTrue();
                lineLength = 0;
            } else {
                lineLength++;
                assertThat(lineLength).as("line length at byte %d", i).isLessThanOrEqualTo(998);
                assertThat(bytes[i] & 0xff).as("7-bit clean at %d", i).isLessThan(128);
            }
        }
    }
}
