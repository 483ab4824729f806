package com.emailengine.core.templating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.core.delivery.MimeComposer;
import com.emailengine.core.delivery.OutboundMessage;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No template text and no contact data can start a header of its own. */
class HeaderSafetyTest {

    private static final LanguageTag EN = LanguageTag.of("en");
    private static final LanguageTag FR = LanguageTag.of("fr");
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private static TemplateVersion version(TemplateVariant... variants) {
        return new TemplateVersion(new TemplateRef("acme", "t", 1), new TemplateContent(variants[0].language(),
                List.of(variants), null), Instant.EPOCH, "api", List.of());
    }

    private static InvalidTemplateException refusal(TemplateVersion version) {
        try {
            new TemplateCompiler(new TemplateSandbox()).compile(version);
        } catch (InvalidTemplateException e) {
            return e;
        }
        throw new AssertionError("the version compiled");
    }

    @Test
    void aLineBreakInASubjectOrPreheaderIsRefusedWhenSavedNamingVariantPartAndColumn() {
        InvalidTemplateException refused = refusal(version(
                new TemplateVariant(FR, "Bonjour", "Tout va bien", "<p>fr</p>", null),
                new TemplateVariant(EN, "Hello\r\nBcc: victim@example.test", "Hi\nthere", "<p>en</p>", null)));

        assertThat(refused.problems()).hasSize(2).anySatisfy(p -> {
            assertThat(p.part()).isEqualTo("en/subject");
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.column()).isEqualTo(6);
            assertThat(p.message()).contains("line break (CR");
        }).anySatisfy(p -> {
            assertThat(p.part()).isEqualTo("en/preheader");
            assertThat(p.column()).isEqualTo(3);
            assertThat(p.message()).contains("line break (LF");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hello\u0000there", "Hello\u001bthere", "Hello\u007fthere", "Hello\u000bthere"})
    void otherControlCharactersInASubjectAreRefusedToo(String subject) {
        assertThat(refusal(version(new TemplateVariant(EN, subject, null, "<p>x</p>", null))).problems()).singleElement()
                .satisfies(p -> {
                    assertThat(p.part()).isEqualTo("en/subject");
                    assertThat(p.column()).isEqualTo(6);
                    assertThat(p.message()).contains("control character");
                });
    }

    @Test
    void aTabStaysAllowedItIsWhiteSpaceInAHeader() {
        assertThat(new TemplateCompiler(new TemplateSandbox()).compile(version(new TemplateVariant(EN, "Hello\tthere", null,
                "<p>x</p>", null)))).isNotNull();
    }

    @Test
    void lineBreaksFromContactDataNeverBecomeAHeaderOfTheComposedMessage() throws Exception {
        TemplateVersion version = version(new TemplateVariant(EN, "Hello ${contact.firstName}", "For $contact.firstName",
                "<p>Hi $contact.firstName</p>", null));
        MessageRenderer renderer = new MessageRenderer(ref -> Optional.of(version), new TemplateCompiler(new TemplateSandbox()),
                Clock.fixed(NOW, ZoneOffset.UTC));
        String injected = "Zoé\r\nBcc: victim@example.test\r\n\r\n<p>a body of our own</p>";

        RenderedContent content = renderer.render(version.ref(), EN, EN, Map.of("contact", Map.of("firstName", injected)), "seed");

        assertThat(content.subject()).isEqualTo("Hello Zoé Bcc: victim@example.test <p>a body of our own</p>");
        assertThat(content.preheader()).isEqualTo("For Zoé Bcc: victim@example.test <p>a body of our own</p>");
        byte[] bytes = new MimeComposer(Clock.fixed(NOW, ZoneOffset.UTC)).compose(new OutboundMessage("abc", "acme", "welcome", 0,
                "c1", "zoe@example.test", "hello@acme.test", "Acme", "b+abc@bounces.acme.test", content.subject(),
                content.html(), content.text(), "en", NOW), "acme.test");
        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
        assertThat(parsed.getHeader("Bcc")).isNull();
        assertThat(parsed.getSubject()).isEqualTo(content.subject());
        assertThat(Collections.list(parsed.getAllHeaderLines())).noneMatch(line -> line.startsWith("<p>"));
    }

    @Test
    void aTemplateWhoseSubjectIsRefusedCannotBeRenderedEitherSoNothingIsSent() {
        TemplateVersion stored = version(new TemplateVariant(EN, "Hello\r\nBcc: victim@example.test", null, "<p>x</p>", null));
        MessageRenderer renderer = new MessageRenderer(ref -> Optional.of(stored), new TemplateCompiler(new TemplateSandbox()),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> renderer.render(stored.ref(), EN, EN, Map.of(), "seed"))
                .isInstanceOf(TemplateRenderException.class).hasMessageContaining("en/subject");
    }
}
