package com.emailengine.core.templating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageRendererTest {

    private final MessageRenderer renderer = new MessageRenderer(new ClasspathTemplateLibrary(getClass().getClassLoader()));

    private static Map<String, Object> vars(String firstName) {
        return Map.of("contact", Map.of("firstName", firstName), "tenant", Map.of("name", "Acme"));
    }

    @Test
    void rendersTheContactsLanguageWhenTheTemplateHasIt() {
        RenderedContent content = renderer.render("greeting", Language.FR, Language.EN, vars("Zoé"));

        assertThat(content.language()).isEqualTo(Language.FR);
        assertThat(content.subject()).isEqualTo("Salut Zoé");
        assertThat(content.text()).isEqualTo("Salut Zoé, texte.\n");
    }

    @Test
    void fallsBackToTheTenantDefaultThenEnglishAndSaysWhichWasUsed() {
        assertThat(renderer.render("greeting", Language.DE, Language.FR, vars("Max")).language()).isEqualTo(Language.FR);
        assertThat(renderer.render("greeting", Language.AR, Language.ZH, vars("Max")).language()).isEqualTo(Language.EN);
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

        TemplateLibrary htmlOnly = (key, language) -> Optional.of(new TemplateSource(key, language, "S",
                "<html><head><style>p{}</style></head><body><p>Salut <b>${contact.firstName}</b></p>"
                        + "<p>Voir <a href=\"https://example.test/x\">la page</a> &amp; plus</p></body></html>", null));
        RenderedContent derived = new MessageRenderer(htmlOnly).render("t", Language.FR, Language.FR, vars("Léa"));
        assertThat(derived.text()).isEqualTo("Salut Léa\n\nVoir la page (https://example.test/x) & plus\n");
    }

    @Test
    void anUndefinedVariableFailsTheRenderInsteadOfPrintingTheReference() {
        assertThatThrownBy(() -> renderer.render("greeting", Language.EN, Language.EN, Map.of("contact", Map.of("firstName", "A"))))
                .isInstanceOf(TemplateRenderException.class)
                .hasMessageContaining("tenant");
    }

    @Test
    void aSubjectWithALineBreakIsRefused() {
        assertThatThrownBy(() -> renderer.render("greeting", Language.EN, Language.EN, vars("A\r\nBcc: victim@example.test")))
                .isInstanceOf(TemplateRenderException.class)
                .hasMessageContaining("line break");
    }

    @Test
    void templatesReachNeitherFilesNorClasses() {
        TemplateLibrary hostile = (key, language) -> Optional.of(switch (key) {
            case "include" -> new TemplateSource(key, language, "S", "#include(\"/etc/passwd\")", "t");
            case "parse" -> new TemplateSource(key, language, "S", "#parse(\"/etc/passwd\")", "t");
            default -> new TemplateSource(key, language, "S", "$tenant.getClass().forName(\"java.lang.Runtime\")", "t");
        });
        MessageRenderer sandboxed = new MessageRenderer(hostile);

        for (String key : new String[] {"include", "parse", "class"}) {
            assertThatThrownBy(() -> sandboxed.render(key, Language.EN, Language.EN, vars("A")))
                    .as(key).isInstanceOf(TemplateRenderException.class);
        }
    }

    @Test
    void reportsTheLineAndColumnOfASyntaxError() {
        TemplateLibrary broken = (key, language) -> Optional.of(new TemplateSource(key, language, "S",
                "<p>one</p>\n<p>#if($contact.firstName</p>\n", "t"));

        assertThatThrownBy(() -> new MessageRenderer(broken).render("broken", Language.EN, Language.EN, vars("A")))
                .isInstanceOf(TemplateRenderException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void aMissingTemplateIsAClearError() {
        assertThatThrownBy(() -> renderer.render("nope", Language.EN, Language.EN, vars("A")))
                .isInstanceOf(TemplateRenderException.class)
                .hasMessageContaining("template nope has no variant");
    }
}
