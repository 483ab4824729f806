package com.emailengine.core.delivery;

import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.links.RecipientLinks;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

/**
 * Builds the RFC 5322 bytes of an outbound message: multipart/alternative (plain text first, then
 * HTML, as RFC 2046 orders them by preference), UTF-8, a transfer encoding jakarta.mail picks per part
 * (7bit, quoted-printable or base64, so no line exceeds 998 octets), CRLF line ends — ready for DKIM.
 * Thread-safe.
 */
public final class MimeComposer {

    private final Session session = Session.getInstance(new Properties());
    private final Clock clock;

    public MimeComposer(Clock clock) {
        this.clock = clock;
    }

    public byte[] compose(OutboundMessage message, String sendingDomain) {
        // A line break in a header value would let whoever controls the value add headers (Bcc:, a second body):
        // header injection. Templates already refuse such subjects; this is the last gate before the wire, and it
        // holds whatever it is given (HeaderValues: CR, LF, NUL and the other controls but tab).
        HeaderValues.require("Subject", message.subject());
        HeaderValues.require("From name", message.fromName());
        HeaderValues.require("From address", message.fromAddress());
        HeaderValues.require("To", message.recipient());
        HeaderValues.require("Content-Language", message.language());
        HeaderValues.require("Feedback-ID", message.campaignId() + ":" + message.step() + ":" + message.tenantId());
        HeaderValues.require("Message-ID", message.id());
        HeaderValues.require("Message-ID domain", sendingDomain);
        try {
            String messageId = "<" + message.id() + "@" + sendingDomain + ">";
            MimeMessage mime = new FixedIdMessage(session, messageId);
            mime.setFrom(new InternetAddress(message.fromAddress(), message.fromName(), StandardCharsets.UTF_8.name()));
            // The domain in A-label form, as in the envelope: a raw UTF-8 domain in a header is only allowed with
            // SMTPUTF8, which an ASCII local part does not need.
            EmailAddress recipient = EmailAddress.parse(message.recipient());
            mime.setRecipient(jakarta.mail.Message.RecipientType.TO,
                    new InternetAddress(recipient.needsSmtpUtf8() ? recipient.value() : recipient.asciiForm(), false));
            mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            mime.setSentDate(Date.from(clock.instant()));
            mime.setHeader("Feedback-ID", message.campaignId() + ":" + message.step() + ":" + message.tenantId() + ":ee");
            // One-click unsubscribe (RFC 8058), which Gmail and Yahoo require of bulk senders; DKIM signs both headers.
            mime.setHeader("List-Unsubscribe", "<" + RecipientLinks.unsubscribe(sendingDomain, message.id()) + ">");
            mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            if (message.language() != null) {
                mime.setHeader("Content-Language", message.language());
            }
            MimeBodyPart text = new MimeBodyPart();
            text.setText(crlf(message.text()), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(crlf(message.html()), StandardCharsets.UTF_8.name(), "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            mime.setContent(alternative);
            mime.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream(message.html().length() + message.text().length() + 2048);
            mime.writeTo(out);
            return out.toByteArray();
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("message " + message.id() + " cannot be composed: " + e.getMessage(), e);
        }
    }

    /**
     * Line ends as CRLF: jakarta.mail writes a 7bit part's bytes as they are, and a bare LF would make the
     * message invalid on the wire (RFC 5322 §2.3) and unsignable.
     */
    static String crlf(String text) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append("\r\n");
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n') {
                out.append("\r\n");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** jakarta.mail would otherwise invent its own Message-ID on saveChanges. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
