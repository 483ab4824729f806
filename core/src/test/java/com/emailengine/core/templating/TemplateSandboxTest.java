package com.emailengine.core.templating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way out of the sandbox that we know of is refused, at compile time where possible, else at render. */
class TemplateSandboxTest {

    private static final LanguageTag EN = LanguageTag.of("en");

    private static RenderedContent render(String html, RenderLimits limits) {
        TemplateVersion version = new TemplateVersion(new TemplateRef("acme", "t", 1),
                new TemplateContent(EN, List.of(new TemplateVariant(EN, "Subject", null, html, "text")), null),
                Instant.EPOCH, "api", List.of());
        return new MessageRenderer(ref -> Optional.of(version), new TemplateCompiler(new TemplateSandbox(limits)), Clock.systemUTC())
                .render(new TemplateRef("acme", "t", 1), EN, EN,
                        Map.of("contact", Map.of("email", "zoe@example.test", "firstName", "Zoé"), "big", "x".repeat(1000)), "seed");
    }

    private static RenderedContent render(String html) {
        return render(html, RenderLimits.DEFAULT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "$contact.email.getClass().forName('java.lang.Runtime').getRuntime().exec('id')",
            "$contact.email.class.forName('java.lang.Runtime')",
            "$contact.getClass()",
            "$text.getClass().getClassLoader()",
            "$spin.getClass()",
            "$contact.put('email', 'x')",
            "$contact.clear()"})
    void classesReflectionAndMutatingMethodsAreOutOfReach(String expression) {
        assertThatThrownBy(() -> render("<p>" + expression + "</p>")).isInstanceOf(TemplateRenderException.class);
    }

    @Test
    void propertiesCannotBeAssigned() {
        assertThatThrownBy(() -> render("#set($contact.email = 'x')<p>$contact.email</p>")).isInstanceOf(TemplateRenderException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"#include(\"/etc/passwd\")", "#parse(\"/etc/passwd\")", "#evaluate(\"#set($x = 1)\")",
            "#macro(loop)#loop()#end", "#define($block)x#end", "#unknownmacro(1)"})
    void filesCodeFromStringsAndMacrosAreRefusedWhenTheTemplateIsSavedWithTheirPlace(String directive) {
        assertThatThrownBy(() -> render("<p>ok</p>\n  " + directive))
                .isInstanceOfSatisfying(TemplateRenderException.class, e ->
                        assertThat(e.getCause()).isInstanceOfSatisfying(InvalidTemplateException.class, invalid ->
                                assertThat(invalid.problems()).anySatisfy(p -> {
                                    assertThat(p.part()).isEqualTo("en/html");
                                    assertThat(p.line()).isEqualTo(2);
                                    assertThat(p.column()).isEqualTo(3);
                                })));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"#include('/etc/passwd') | 0", "#evaluate('#set($y = 1)') | 0",
            "#macro(a)x#end | 0", "$contact.email.getClass() | 15", "#set($n = 1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123) | 10"})
    void whatIsRefusedInTheTemplateIsRefusedInsideAQuotedStringWithItsPlace(String inside, int at) {
        // Velocity parses a double-quoted string as template text of its own, when the template is initialised.
        String before = "#set($x = \"";
        assertThatThrownBy(() -> render("<p>ok</p>\n" + before + inside + "\")$x"))
                .isInstanceOfSatisfying(TemplateRenderException.class, e ->
                        assertThat(e.getCause()).isInstanceOfSatisfying(InvalidTemplateException.class, invalid ->
                                assertThat(invalid.problems()).singleElement().satisfies(p -> {
                                    assertThat(p.part()).isEqualTo("en/html");
                                    assertThat(p.line()).isEqualTo(2);
                                    assertThat(p.column()).isEqualTo(before.length() + at + 1);
                                })));
    }

    @Test
    void aHugeLoopIsRefusedInsteadOfTruncated() {
        assertThatThrownBy(() -> render("#foreach($i in [1..100000])x#end"))
                .isInstanceOf(RenderLimitException.class).hasMessageContaining("loops more than 10000 times");
    }

    @Test
    void nestedLoopsWithoutOutputCountTogether() {
        assertThatThrownBy(() -> render("#foreach($a in [1..200])#foreach($b in [1..200])#end#end"))
                .isInstanceOf(RenderLimitException.class);
        assertThat(render("#foreach($a in [1..50])#foreach($b in [1..50])#end#end<p>fine</p>").html()).isEqualTo("<p>fine</p>");
    }

    @Test
    void outputIsBounded() {
        RenderLimits small = new RenderLimits(Duration.ofSeconds(5), 50_000, 10_000);
        assertThatThrownBy(() -> render("#foreach($i in [1..100])$big#end", small))
                .isInstanceOf(RenderLimitException.class).hasMessageContaining("longer than 50000 characters");
        assertThat(render("#foreach($i in [1..40])$big#end", small).html()).hasSize(40_000);
    }

    @Test
    void renderTimeIsBounded() {
        RenderLimits noTime = new RenderLimits(Duration.ofNanos(-1), 1_000_000, 10_000);
        assertThatThrownBy(() -> render("<p>$contact.firstName</p>", noTime))
                .isInstanceOf(RenderLimitException.class).hasMessageContaining("rendering took longer than");
    }

    @Test
    void literalHashWordsSuchAsColoursStayText() {
        assertThat(render("<td style=\"color:#f4f5f7\"><a href=\"#top\">#1</a></td>").html())
                .isEqualTo("<td style=\"color:#f4f5f7\"><a href=\"#top\">#1</a></td>");
    }
}
