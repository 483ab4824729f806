package com.emailengine.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.templating.ClasspathTemplateLibrary;
import com.emailengine.core.templating.Language;
import com.emailengine.core.templating.LanguageTag;
import com.emailengine.core.templating.MessageRenderer;
import com.emailengine.core.templating.RenderedContent;
import com.emailengine.core.templating.TemplateRef;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShippedTemplatesTest {

    private static final String[] KEYS = {"welcome", "follow-up-1", "follow-up-2", "backlink-outreach"};
    private final ClasspathTemplateLibrary library = new ClasspathTemplateLibrary(getClass().getClassLoader());
    private final MessageRenderer renderer = new MessageRenderer(library);

    private static Map<String, Object> vars(String firstName, Map<String, String> fields) {
        Map<String, Object> contact = new HashMap<>(Map.of("firstName", firstName, "email", "x@example.test", "fields", fields));
        return Map.of("contact", contact,
                "tenant", Map.of("name", "SOS-Expat", "website", "https://sos-expat.test", "fromName", "Claire",
                        "postalAddress", "SOS-Expat, 12 rue de l'Exemple, 75001 Paris"),
                "links", Map.of("unsubscribe", "https://sos-expat.test/ee/unsubscribe/m1"));
    }

    static Stream<Arguments> everyTemplateInEveryLanguage() {
        return Stream.of(KEYS).flatMap(key -> Stream.of(Language.values()).map(language -> Arguments.of(key, language)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyTemplateInEveryLanguage")
    void existsAndRendersWithAndWithoutAFirstName(String key, Language language) {
        assertThat(library.find(TemplateRef.shipped(key)).orElseThrow().content().variant(LanguageTag.of(language)))
                .as("%s/%s", key, language.code()).isPresent();

        RenderedContent named = renderer.render(key, language, Language.EN, vars("Zoé", Map.of()));
        RenderedContent anonymous = renderer.render(key, language, Language.EN, vars("", Map.of()));

        assertThat(named.language()).isEqualTo(LanguageTag.of(language));
        assertThat(named.subject()).doesNotContain("$").doesNotContain("#").doesNotContain("{");
        assertThat(named.html()).contains("Zoé").contains("lang=\"" + language.code() + "\"").doesNotContain("${");
        assertThat(named.text()).contains("Zoé").doesNotContain("${").doesNotContain("#{").doesNotContain("#if");
        assertThat(anonymous.text()).doesNotContain("Zoé").doesNotContain(" ,");
        assertThat(named.html()).contains("dir=\"" + (language.rightToLeft() ? "rtl" : "ltr") + "\"").startsWith("<!DOCTYPE html>");
        // The greeting stands on its own line, followed by a blank line, in both forms.
        assertThat(named.text().lines().toList().get(1)).isEmpty();
        assertThat(anonymous.text().lines().toList().get(1)).isEmpty();
        assertThat(named.text().lines().findFirst().orElseThrow()).contains("Zoé");
        // Contact data is escaped exactly once in HTML, and not at all in text.
        RenderedContent marked = renderer.render(key, language, Language.EN, vars("<b>Tom & Jerry</b>", Map.of()));
        assertThat(marked.html()).contains("&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;").doesNotContain("&amp;lt;").doesNotContain("<b>Tom");
        assertThat(marked.text()).contains("<b>Tom & Jerry</b>");
        // Every message lets the recipient unsubscribe and says where the sender is (CAN-SPAM, Gmail and Yahoo's rules).
        assertThat(named.html()).contains("href=\"https://sos-expat.test/ee/unsubscribe/m1\"")
                .contains("SOS-Expat, 12 rue de l&#39;Exemple, 75001 Paris");
        assertThat(named.text()).contains("https://sos-expat.test/ee/unsubscribe/m1").contains("SOS-Expat, 12 rue de l'Exemple, 75001 Paris");
        if (!key.equals("welcome")) {
            assertThat(named.preheader()).isNotBlank().doesNotContain("$");
            assertThat(named.text()).contains("(https://sos-expat.test/ee/unsubscribe/m1)");
        }
    }

    @ParameterizedTest(name = "backlink-outreach in {0}")
    @MethodSource("languages")
    void theOutreachNamesTheSiteWhenTheContactHasOne(Language language) {
        RenderedContent withSite = renderer.render("backlink-outreach", language, Language.EN, vars("Zoé", Map.of("site_name", "expat-blog.test")));

        assertThat(withSite.subject()).contains("expat-blog.test");
        assertThat(withSite.text()).contains("expat-blog.test").contains("https://sos-expat.test");
    }

    static Stream<Language> languages() {
        return Stream.of(Language.values());
    }
}
