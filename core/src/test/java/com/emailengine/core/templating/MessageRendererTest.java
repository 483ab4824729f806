package com.emailengine.core.templating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageRendererTest {

    private static final LanguageTag EN = LanguageTag.of("en");
    private static final LanguageTag FR = LanguageTag.of("fr");
    private final MessageRenderer renderer = new MessageRenderer(new ClasspathTemplateLibrary(getClass().getClassLoader()));

    private static Map<String, Object> vars(String firstName) {
        return Map.of("contact", Map.of("firstName", firstName), "tenant", Map.of("name", "Acme"));
    }

    /** A library holding one stored version with these variants. */
    private static MessageRenderer rendererFor(TemplateOptions options, TemplateVariant... variants) {
        TemplateVersion version = new TemplateVersion(new TemplateRef("acme", "t", 1),
                new TemplateContent(variants[0].language(), List.of(variants), options), Instant.EPOCH, "api", List.of());
        return new MessageRenderer(ref -> ref.version() == 1 ? Optional.of(version) : Optional.empty(),
                new TemplateCompiler(new TemplateSandbox()), Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
    }

    private static RenderedContent render(MessageRenderer renderer, LanguageTag contact, LanguageTag tenant, Map<String, Object> vars) {
        return renderer.render(new TemplateRef("acme", "t", 1), contact, tenant, vars, "seed");
    }

    private static TemplateVariant html(String language, String html) {
        return new TemplateVariant(LanguageTag.of(language), "S " + language, null, html, null);
    }

    @Test
    void rendersTheContactsLanguageWhenTheTemplateHasIt() {
        RenderedContent content = renderer.render("greeting", Language.FR, Language.EN, vars("Zoé"));

        assertThat(content.language()).isEqualTo(FR);
        assertThat(content.choice().reason()).isEqualTo(LanguageChoice.Reason.EXACT);
        assertThat(content.subject()).isEqualTo("Salut Zoé");
        assertThat(content.text()).isEqualTo("Salut Zoé, texte.\n");
    }

    @Test
    void fallsBackFromExactToBaseLanguageToTenantDefaultToTheTemplatesOwnAndSaysWhy() {
        MessageRenderer stored = rendererFor(TemplateOptions.DEFAULT, html("de", "<p>de</p>"), html("pt-BR", "<p>br</p>"),
                html("pt", "<p>pt</p>"), html("fr", "<p>fr</p>"));

        assertThat(render(stored, LanguageTag.of("pt-BR"), FR, vars("A")).choice())
                .isEqualTo(new LanguageChoice(LanguageTag.of("pt-BR"), LanguageChoice.Reason.EXACT));
        assertThat(render(stored, LanguageTag.of("pt-PT"), FR, vars("A")).choice())
                .isEqualTo(new LanguageChoice(LanguageTag.of("pt"), LanguageChoice.Reason.BASE_LANGUAGE));
        assertThat(render(stored, LanguageTag.of("ar"), LanguageTag.of("fr-CA"), vars("A")).choice())
                .isEqualTo(new LanguageChoice(FR, LanguageChoice.Reason.TENANT_DEFAULT));
        assertThat(render(stored, LanguageTag.of("zh"), EN, vars("A")).choice())
                .isEqualTo(new LanguageChoice(LanguageTag.of("de"), LanguageChoice.Reason.TEMPLATE_DEFAULT));
        assertThat(render(stored, null, null, vars("A")).html()).contains("<p>de</p>");
    }

    @Test
    void escapesContactDataInHtmlButNotInTheSubject() {
        RenderedContent content = renderer.render("greeting", Language.EN, Language.EN, vars("<script>x</script> & Co"));

        assertThat(content.html()).contains("Hi &lt;script&gt;x&lt;/script&gt; &amp; Co from Acme");
        assertThat(content.subject()).isEqualTo("Hi <script>x</script> & Co");
    }

    @Test
    void derivesThePlainTextPartFromHtmlWhenTheTemplateHasNone() {
        RenderedContent fr = renderer.render("greeting", Language.FR, Language.FR, vars("Léa"));
        assertThat(fr.text()).isEqualTo("Salut Léa, texte.\n");

        MessageRenderer derived = rendererFor(TemplateOptions.DEFAULT, html("fr",
                "<html><head><style>p{}</style><title>x</title></head><body><p>Salut <b>${contact.firstName}</b></p>"
                        + "#if( $contact.firstName == 'Léa' )<p>Voir <a href=\"https://example.test/x\">la page</a> &amp; plus</p>#{else}<p>Non</p>#end"
                        + "<ul><li>un</li><li>deux</li></ul></body></html>"));
        assertThat(render(derived, FR, FR, vars("Léa")).text())
                .isEqualTo("Salut Léa\n\nVoir la page (https://example.test/x) & plus\n\n- un\n- deux\n");
        assertThat(render(derived, FR, FR, vars("Tom & Jerry")).text()).isEqualTo("Salut Tom & Jerry\n\nNon\n\n- un\n- deux\n");
    }

    @Test
    void anUndefinedVariableFailsTheRenderUnlessTheTemplateGivesADefault() {
        assertThatThrownBy(() -> renderer.render("greeting", Language.EN, Language.EN, Map.of("contact", Map.of("firstName", "A"))))
                .isInstanceOf(TemplateRenderException.class)
                .hasMessageContaining("tenant");
        MessageRenderer withDefault = rendererFor(TemplateOptions.DEFAULT, html("en", "<p>${contact.city|'your city'}</p>"));
        assertThat(render(withDefault, EN, EN, vars("A")).html()).isEqualTo("<p>your city</p>");
    }

    @Test
    void aLineBreakThatContactDataBringsIntoTheSubjectBecomesASpaceSoItCannotStartAHeader() {
        RenderedContent content = renderer.render("greeting", Language.EN, Language.EN, vars("A\r\nBcc: victim@example.test"));

        assertThat(content.subject()).isEqualTo("Hi A Bcc: victim@example.test").doesNotContain("\r", "\n");
    }

    @Test
    void reportsTheLineAndColumnOfASyntaxError() {
        TemplateVersion broken = new TemplateVersion(new TemplateRef("acme", "broken", 1), new TemplateContent(EN,
                List.of(html("en", "<p>one</p>\n<p>#if($contact.firstName</p>\n")), null), Instant.EPOCH, "api", List.of());

        assertThatThrownBy(() -> new TemplateCompiler(new TemplateSandbox()).compile(broken))
                .isInstanceOfSatisfying(InvalidTemplateException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.part()).isEqualTo("en/html");
                            assertThat(p.line()).isEqualTo(2);
                            assertThat(p.column()).isPositive();
                        }));
    }

    @Test
    void aMissingTemplateIsAClearError() {
        assertThatThrownBy(() -> renderer.render("nope", Language.EN, Language.EN, vars("A")))
                .isInstanceOf(TemplateRenderException.class)
                .hasMessageContaining("template nope (shipped) does not exist");
    }

    @Test
    void randomContentIsTheSameForOneRecipientAndVariesAcrossRecipients() {
        MessageRenderer spun = rendererFor(TemplateOptions.DEFAULT, html("en", "<p>$spin.one(\"{Hi|Hello|Hey} there|Good day|Greetings\")</p>"));
        List<String> first = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            first.add(spun.render(new TemplateRef("acme", "t", 1), EN, EN, vars("A"), "contact-" + i).html());
        }
        for (int i = 0; i < 40; i++) {
            assertThat(spun.render(new TemplateRef("acme", "t", 1), EN, EN, vars("A"), "contact-" + i).html()).isEqualTo(first.get(i));
        }
        assertThat(first.stream().distinct().count()).isGreaterThanOrEqualTo(4);
        assertThat(first).allSatisfy(html -> assertThat(html).matches("<p>((Hi|Hello|Hey) there|Good day|Greetings)</p>"));
    }

    @Test
    void thePreheaderIsHiddenAtTheTopOfTheBodyAndLeftOutOfTheText() {
        MessageRenderer withPreheader = rendererFor(TemplateOptions.DEFAULT, new TemplateVariant(EN, "Subject",
                "Your ${contact.firstName} & co", "<html><body class=\"x\"><p>Body</p></body></html>", null));

        RenderedContent content = render(withPreheader, EN, EN, vars("Zoé"));

        assertThat(content.preheader()).isEqualTo("Your Zoé & co");
        assertThat(content.html()).startsWith("<html><body class=\"x\"><div style=\"display:none;")
                .contains(">Your Zoé &amp; co</div><p>Body</p>");
        assertThat(content.text()).isEqualTo("Body\n");
    }

    @Test
    void rightToLeftVariantsGetADirectionWhenTheAuthorSetNone() {
        MessageRenderer rtl = rendererFor(TemplateOptions.DEFAULT, html("ar", "<html lang=\"ar\"><body><p>مرحبا</p></body></html>"),
                html("he", "<p>שלום</p>"), html("fa", "<html dir=\"ltr\"><body>x</body></html>"));

        assertThat(render(rtl, LanguageTag.of("ar"), EN, vars("A")).html()).startsWith("<html lang=\"ar\" dir=\"rtl\">");
        assertThat(render(rtl, LanguageTag.of("he"), EN, vars("A")).html()).isEqualTo("<div dir=\"rtl\"><p>שלום</p></div>");
        assertThat(render(rtl, LanguageTag.of("fa"), EN, vars("A")).html()).startsWith("<html dir=\"ltr\">");
    }

    @Test
    void inlinesCssWhenTheVersionAsksForIt() {
        TemplateVariant styled = html("en", "<html><head><style>p { color: red } .big { font-size: 20px }</style></head>"
                + "<body>#if($contact.firstName != '')<p class=\"big\">Hi ${contact.firstName}</p>#end</body></html>");

        String inlined = render(rendererFor(new TemplateOptions(true), styled), EN, EN, vars("Zoé")).html();
        String plain = render(rendererFor(TemplateOptions.DEFAULT, styled), EN, EN, vars("Zoé")).html();

        assertThat(inlined).contains("<p style=\"color:red; font-size:20px;\" class=\"big\">Hi Zoé</p>").doesNotContain("<style");
        assertThat(plain).contains("<style>").contains("<p class=\"big\">");
    }
}
