package com.emailengine.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.delivery.MimeComposer;
import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.core.templating.ClasspathTemplateLibrary;
import com.emailengine.core.templating.Language;
import com.emailengine.core.templating.MessageRenderer;
import com.emailengine.core.templating.RenderedContent;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every shipped template, rendered and composed, parses back with Angus Mail as the valid MIME we mean to send. */
class ShippedTemplatesAsMimeTest {

    private final MessageRenderer renderer = new MessageRenderer(new ClasspathTemplateLibrary(getClass().getClassLoader()));
    private final MimeComposer composer = new MimeComposer(Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));

    @ParameterizedTest
    @EnumSource(Language.class)
    void renderedMessagesAreMultipartAlternativeUtf8WithEncodedSubjectsAndShortCrlfLines(Language language) throws Exception {
        for (String key : new String[] {"welcome", "follow-up-1", "follow-up-2", "backlink-outreach"}) {
            RenderedContent content = renderer.render(key, language, Language.EN, Map.of(
                    "contact", Map.of("firstName", language == Language.ZH ? "李娜" : language == Language.AR ? "ليلى" : "Zoé",
                            "email", "zoe@example.test", "fields", Map.of()),
                    "tenant", Map.of("name", "SOS-Expat", "website", "https://sos-expat.test", "fromName", "Claire",
                            "postalAddress", "SOS-Expat, 12 rue de l'Exemple, 75001 Paris"),
                    "links", Map.of("unsubscribe", "https://sos-expat.test/ee/unsubscribe/m1")));
            byte[] bytes = composer.compose(new OutboundMessage("m1", "sos-expat", "welcome", 0, "c1", "zoe@example.test",
                    "hello@sos-expat.test", "SOS-Expat", "b+m1@bounces.sos-expat.test", content.subject(), content.html(),
                    content.text(), content.language().value(), Instant.parse("2026-11-25T10:00:00Z")), "sos-expat.test");

            String raw = new String(bytes, StandardCharsets.US_ASCII);
            String subjectLine = raw.lines().filter(l -> l.startsWith("Subject: ")).findFirst().orElseThrow();
            if (language == Language.AR || language == Language.ZH) {
                assertThat(subjectLine).as(key).startsWith("Subject: =?UTF-8?");
            }
            for (int i = 0; i < bytes.length; i++) {
                assertThat(bytes[i] & 0xff).as("%s/%s byte %d is 7-bit", key, language, i).isLessThan(128);
            }
            assertThat(raw.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
            assertThat(raw.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");

            MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
            assertThat(parsed.getSubject()).isEqualTo(content.subject());
            assertThat(parsed.getContentType()).startsWith("multipart/alternative");
            MimeMultipart parts = (MimeMultipart) parsed.getContent();
            BodyPart text = parts.getBodyPart(0);
            BodyPart html = parts.getBodyPart(1);
            assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
            assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
            assertThat(Set.of("quoted-printable", "base64", "7bit")).contains(text.getHeader("Content-Transfer-Encoding")[0])
                    .contains(html.getHeader("Content-Transfer-Encoding")[0]);
            assertThat(((String) text.getContent()).replace("\r\n", "\n")).isEqualTo(content.text());
            assertThat(((String) html.getContent()).replace("\r\n", "\n")).isEqualTo(content.html().replace("\r\n", "\n"));
        }
    }
}
