package com.emailengine.core.mailwizz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.core.config.DirectoryConfigSource;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.templating.InvalidTemplateException;
import com.emailengine.core.templating.LanguageTag;
import com.emailengine.core.templating.MessageRenderer;
import com.emailengine.core.templating.MessageVariables;
import com.emailengine.core.templating.RenderedContent;
import com.emailengine.core.templating.TemplateCompiler;
import com.emailengine.core.templating.TemplateContent;
import com.emailengine.core.templating.TemplateRef;
import com.emailengine.core.templating.TemplateRenderException;
import com.emailengine.core.templating.TemplateSandbox;
import com.emailengine.core.templating.TemplateVariant;
import com.emailengine.core.templating.TemplateVersion;
import com.emailengine.core.tenant.Tenant;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MailWizzConversionTest {

    private static final LanguageTag FR = LanguageTag.of("fr");
    private static final Tenant TENANT = EngineConfig.load(new DirectoryConfigSource(Path.of("../config/local"))).tenants().get("sos-expat");

    /** Converts MailWizz HTML (with a MailWizz subject) and renders it for Zoé Martin. */
    private static RenderedContent render(String subject, String html, Map<String, String> fields, String seed) {
        MailWizzDrafts.Converted converted = MailWizzDrafts.convert("t",
                new TemplateContent(FR, List.of(new TemplateVariant(FR, subject, null, html, null)), null), "mailwizz-import");
        TemplateVersion version = new TemplateVersion(new TemplateRef("sos-expat", "t", 1), converted.draft().content(),
                Instant.EPOCH, "mailwizz-import", converted.draft().notes());
        MessageRenderer renderer = new MessageRenderer(ref -> Optional.of(version), new TemplateCompiler(new TemplateSandbox()),
                Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
        Map<String, Object> variables = MessageVariables.of(TENANT, Map.of("id", "c0ffee", "email", "zoe.martin@example.test",
                "first_name", "Zoé", "last_name", "Martin", "language", "fr", "created_at", "2026-01-02T03:04:05Z"),
                fields, "welcome", 0, "m123");
        return renderer.render(version.ref(), FR, FR, variables, seed);
    }

    private static RenderedContent render(String html) {
        return render("Sujet", html, Map.of(), "seed");
    }

    static Stream<String> supportedTags() {
        return MailWizzTags.known().stream().filter(MailWizzTags::supported).sorted();
    }

    @ParameterizedTest
    @MethodSource("supportedTags")
    void everySupportedTagConvertsAndRendersInSubjectHtmlAndDerivedText(String tag) {
        RenderedContent content = render("Sujet [" + tag + "]", "<html><body><p>Valeur : [" + tag + "]</p></body></html>",
                Map.of(), "seed");

        assertThat(content.subject()).doesNotContain("[" + tag + "]").doesNotContain("$").doesNotContain("#{");
        assertThat(content.html()).doesNotContain("[" + tag + "]").doesNotContain("${");
        assertThat(content.text()).doesNotContain("[" + tag + "]").doesNotContain("${");
    }

    @Test
    void theTagsOfTheOldSystemBecomeTheRecipientsValues() {
        RenderedContent content = render("<p>[FNAME] [LNAME] &lt;[EMAIL]&gt; [SUBSCRIBER_UID]</p>"
                + "<p><a href=\"[UNSUBSCRIBE_URL]\">désinscription</a> <a href=\"[WEB_VERSION_URL]\">web</a> [CAMPAIGN_URL]</p>"
                + "<p>© [CURRENT_YEAR] [COMPANY_NAME] [CURRENT_MONTH_FULL_NAME] [SIGN_LT]3</p>");

        assertThat(content.html())
                .contains("<p>Zoé Martin &lt;zoe.martin@example.test&gt; c0ffee</p>")
                .contains("<a href=\"https://sos-expat.test/ee/unsubscribe/m123\">désinscription</a>")
                .contains("<a href=\"https://sos-expat.test/ee/view/m123\">web</a> https://sos-expat.test/ee/view/m123")
                .contains("© 2026 SOS-Expat novembre <3");
        assertThat(content.text()).contains("désinscription (https://sos-expat.test/ee/unsubscribe/m123)");
    }

    @Test
    void filtersApplyToTheValue() {
        assertThat(render("<p>[FNAME:filter:uppercase] [EMAIL:filter:urlencode] [LNAME:filter:lowercase|ucfirst]</p>").html())
                .isEqualTo("<p>ZOÉ zoe.martin%40example.test Martin</p>");
    }

    @Test
    void randomContentIsFixedPerRecipientAndCanHoldTags() {
        String html = "<p>[RANDOM_CONTENT:Bonjour [FNAME]|Salut [FNAME]|Hello]</p>";
        List<String> seen = Stream.iterate(0, i -> i + 1).limit(30).map(i -> render("S", html, Map.of(), "c" + i).html()).toList();

        assertThat(seen).allSatisfy(h -> assertThat(h).isIn("<p>Bonjour Zoé</p>", "<p>Salut Zoé</p>", "<p>Hello</p>"));
        assertThat(seen).contains("<p>Bonjour Zoé</p>", "<p>Salut Zoé</p>", "<p>Hello</p>");
        for (int i = 0; i < 30; i++) {
            assertThat(render("S", html, Map.of(), "c" + i).html()).isEqualTo(seen.get(i));
        }
    }

    @Test
    void anUnknownTagIsTakenForACustomFieldListedAndFailsTheRenderWhenTheContactLacksIt() {
        MailWizzDrafts.Converted converted = MailWizzDrafts.convert("t", new TemplateContent(FR,
                List.of(new TemplateVariant(FR, "S", null, "<p>[COMPANY_SIZE] salariés</p>", null)), null), "mailwizz-import");

        assertThat(converted.tags()).singleElement().satisfies(t -> {
            assertThat(t.outcome()).isEqualTo(TagUse.Outcome.CONTACT_FIELD);
            assertThat(t.becomes()).isEqualTo("${contact.fields.company_size}");
        });
        assertThat(converted.draft().notes()).singleElement().asString().contains("[COMPANY_SIZE]").contains("company_size");
        assertThat(render("S", "<p>[COMPANY_SIZE] salariés</p>", Map.of("company_size", "50"), "s").html()).isEqualTo("<p>50 salariés</p>");
        assertThatThrownBy(() -> render("<p>[COMPANY_SIZE] salariés</p>")).isInstanceOf(TemplateRenderException.class)
                .hasMessageContaining("company_size");
    }

    @Test
    void tagsTheEngineRefusesAreNamedAndTheTemplateIsNotConverted() {
        assertThatThrownBy(() -> MailWizzDrafts.convert("t", new TemplateContent(FR, List.of(new TemplateVariant(FR, "S", null,
                "<p>[REMOTE_CONTENT url='https://example.test/x']</p><p>[SUBSCRIBER_IP]</p>", null)), null), "mailwizz-import"))
                .isInstanceOfSatisfying(InvalidTemplateException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.message())
                        .anySatisfy(m -> assertThat(m).contains("[REMOTE_CONTENT url='https://example.test/x']").contains("network"))
                        .anySatisfy(m -> assertThat(m).contains("[SUBSCRIBER_IP]")));
    }

    @Test
    void textThatVelocityWouldReadAsCodeStaysText() {
        assertThat(render("<p>Only $price! #if you like, ${total} and #end or ## not a comment \\$x</p>").html())
                .isEqualTo("<p>Only $price! #if you like, ${total} and #end or ## not a comment \\$x</p>");
    }
}
