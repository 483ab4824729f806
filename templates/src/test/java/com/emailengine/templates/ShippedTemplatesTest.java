package com.emailengine.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.templating.ClasspathTemplateLibrary;
import com.emailengine.core.templating.Language;
import com.emailengine.core.templating.LanguageTag;
import com.emailengine.core.templating.TemplateRef;
import com.emailengine.core.templating.MessageRenderer;
import com.emailengine.core.templating.RenderedContent;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ShippedTemplatesTest {

    private final ClasspathTemplateLibrary library = new ClasspathTemplateLibrary(getClass().getClassLoader());
    private final MessageRenderer renderer = new MessageRenderer(library);

    private static Map<String, Object> vars(String firstName) {
        return Map.of("contact", Map.of("firstName", firstName, "email", "x@example.test"),
                "tenant", Map.of("name", "SOS-Expat"));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void welcomeExistsInEveryLanguageAndRendersWithAndWithoutAFirstName(Language language) {
        assertThat(library.find(TemplateRef.shipped("welcome")).orElseThrow().content().variant(LanguageTag.of(language)))
                .as("welcome/%s", language.code()).isPresent();

        RenderedContent named = renderer.render("welcome", language, Language.EN, vars("Zoé"));
        RenderedContent anonymous = renderer.render("welcome", language, Language.EN, vars(""));

        assertThat(named.language()).isEqualTo(LanguageTag.of(language));
        assertThat(named.subject()).contains("SOS-Expat").doesNotContain("$").doesNotContain("#");
        assertThat(named.html()).contains("Zoé").contains("lang=\"" + language.code() + "\"").doesNotContain("${");
        assertThat(named.text()).contains("Zoé").contains("SOS-Expat").doesNotContain("${").doesNotContain("#{");
        assertThat(anonymous.text()).doesNotContain("Zoé").doesNotContain(" ,");
        assertThat(named.html()).contains("dir=\"" + (language.rightToLeft() ? "rtl" : "ltr") + "\"").startsWith("<!DOCTYPE html>");
        // The greeting stands on its own line, followed by a blank line, in both forms.
        assertThat(named.text().lines().toList().get(1)).isEmpty();
        assertThat(anonymous.text().lines().toList().get(1)).isEmpty();
        assertThat(named.text().lines().findFirst().orElseThrow()).contains("Zoé");
        // Contact data is escaped exactly once in HTML, and not at all in text.
        RenderedContent marked = renderer.render("welcome", language, Language.EN, vars("<b>Tom & Jerry</b>"));
        assertThat(marked.html()).contains("&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;").doesNotContain("&amp;lt;").doesNotContain("<b>Tom");
        assertThat(marked.text()).contains("<b>Tom & Jerry</b>");
    }
}
