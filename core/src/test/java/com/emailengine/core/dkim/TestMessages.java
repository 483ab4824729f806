package com.emailengine.core.dkim;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Messages the tests sign, in the byte form the fleet hands to the signer. */
final class TestMessages {

    private TestMessages() {
    }

    /** Joins lines with CRLF, ending the last one too. */
    static byte[] crlf(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] plainAscii() {
        return crlf(
                "From: Alice Sender <alice@mail.example.com>",
                "To: bob@example.net",
                "Subject: Quarterly numbers",
                "Date: Tue, 04 Mar 2025 10:15:00 +0000",
                "Message-ID: <plain-1@mail.example.com>",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=us-ascii",
                "X-Not-Signed: ignored by the signer",
                "",
                "Hello Bob,",
                "",
                "The numbers are attached.",
                "",
                "Alice");
    }

    static byte[] utf8SubjectViaJakartaMail() {
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
            m.setFrom(new InternetAddress("equipe@mail.example.com", "Équipe Ulixai", "UTF-8"));
            m.setRecipients(Message.RecipientType.TO, "claire@example.org");
            m.setSubject("Votre réservation à São Paulo est confirmée — merci ! 🎉", "UTF-8");
            m.setText("Bonjour Claire,\r\n\r\nVotre réservation est confirmée.\r\nÀ bientôt !\r\n", "UTF-8");
            m.setHeader("List-Unsubscribe", "<https://t.example.com/u/abc123>, <mailto:unsub-abc123@mail.example.com>");
            m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            m.setHeader("Feedback-ID", "campaign42:tenant-ulixai:engine");
            return write(m);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] multipartAlternativeViaJakartaMail() {
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
            m.setFrom(new InternetAddress("news@mail.example.com", "SOS-Expat"));
            m.setRecipients(Message.RecipientType.TO, "dan@example.com");
            m.setRecipients(Message.RecipientType.CC, "eve@example.com, frank@example.com");
            m.setReplyTo(new InternetAddress[] {new InternetAddress("support@example.com")});
            m.setSubject("Your weekly digest");
            MimeBodyPart text = new MimeBodyPart();
            text.setText("Plain part, line one.\r\nLine two with trailing spaces   \r\n\r\n\r\n", "UTF-8");
            MimeBodyPart html = new MimeBodyPart();
            html.setContent("<html><body><p>HTML part — with a dash</p>\r\n<p>and\tTAB</p></body></html>\r\n", "text/html; charset=UTF-8");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            m.setContent(alternative);
            return write(m);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] longFoldedHeaders() {
        StringBuilder references = new StringBuilder("References:");
        for (int i = 0; i < 12; i++) {
            references.append(i == 0 ? " " : "\r\n\t").append("<thread-").append(i).append("-0123456789abcdef@mail.example.com>");
        }
        return crlf(
                "From: \"A very long display name that goes on and on, Esq.\"",
                "  <long.sender.address@mail.example.com>",
                "To: one@example.net, two@example.net, three@example.net,",
                "\tfour@example.net, five@example.net,   six@example.net",
                "Subject: A subject that is long enough to need folding because it keeps going",
                "  and going\t across   several lines",
                "Date: Tue, 04 Mar 2025 10:15:00 +0000",
                "Message-ID: <folded-1@mail.example.com>",
                "In-Reply-To: <thread-11-0123456789abcdef@mail.example.com>",
                references.toString(),
                "",
                "Body.");
    }

    static byte[] trailingBlankLinesAndSpaces() {
        return crlf(
                "From: alice@mail.example.com",
                "To: bob@example.net",
                "Subject: whitespace",
                "",
                "  leading spaces, trailing spaces   ",
                "tabs\there\t\tand  runs   of   spaces\t",
                "   ",
                "",
                "line after an all-space line",
                "",
                "",
                "",
                "");
    }

    private static byte[] write(MimeMessage m) throws MessagingException, IOException {
        m.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    /** Replaces the first occurrence of {@code from} by {@code to}. */
    static byte[] replaceFirst(byte[] message, String from, String to) {
        String s = new String(message, StandardCharsets.ISO_8859_1);
        int i = s.indexOf(from);
        if (i < 0) {
            throw new IllegalArgumentException("'" + from + "' not in message");
        }
        return (s.substring(0, i) + to + s.substring(i + from.length())).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Flips one letter in the last line of the body that has one. */
    static byte[] withBodyByteChanged(byte[] message) {
        byte[] copy = message.clone();
        for (int i = copy.length - 1; i >= 0; i--) {
            byte b = copy[i];
            if ((b >= 'a' && b <= 'y') || (b >= 'A' && b <= 'Y')) {
                copy[i] = (byte) (b + 1);
                return copy;
            }
        }
        throw new IllegalArgumentException("no letter in message");
    }
}
