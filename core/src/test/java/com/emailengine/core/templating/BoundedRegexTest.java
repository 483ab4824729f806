package com.emailengine.core.templating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regular expressions a template runs stop at the render's time budget, on the render thread, whatever the pattern
 * makes the JDK's engine do; and they still answer what the JDK answers.
 */
class BoundedRegexTest {

    private static final LanguageTag EN = LanguageTag.of("en");
    private static final RenderLimits TIGHT = new RenderLimits(Duration.ofMillis(300), 1_000_000, 10_000);

    private static RenderedContent render(String html, RenderLimits limits) {
        TemplateVersion version = new TemplateVersion(new TemplateRef("acme", "t", 1),
                new TemplateContent(EN, List.of(new TemplateVariant(EN, "Subject", null, html, "text")), null),
                Instant.EPOCH, "api", List.of());
        return new MessageRenderer(ref -> Optional.of(version), new TemplateCompiler(new TemplateSandbox(limits)), Clock.systemUTC())
                .render(version.ref(), EN, EN, Map.of("contact", Map.of("email", "zoe@example.test", "run", "a".repeat(60))), "seed");
    }

    /** The render fails with a time limit no later than twice its budget. */
    private static void stoppedWithinTheBudget(String html) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            long start = System.nanoTime();
            assertThatThrownBy(() -> render(html, TIGHT)).isInstanceOf(RenderLimitException.class)
                    .hasMessageContaining("rendering took longer than 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(600));
        });
    }

    @Test
    void catastrophicBacktrackingIsStoppedByTheRenderItselfWithinTheTimeBudget() {
        // (.*a){20}c against sixty a's tries every way to cut sixty characters into twenty pieces (~10^15): the JDK
        // memoises simpler loops such as (a|aa)*c, not this one. Without a budget it runs for days.
        render("<p>warm</p>", RenderLimits.DEFAULT);
        stoppedWithinTheBudget("<p>#if($contact.run.matches('(.*a){20}c'))yes#{else}no#end</p>");
        stoppedWithinTheBudget("<p>$contact.run.replaceAll('(.*a){20}c', 'x')</p>");
    }

    @Test
    void aSearchThatTriesMillionsOfPositionsWithoutReadingATextIsStoppedWithinTheTimeBudget() {
        // On every one of 3.6 million positions, 150 alternatives fail without reading a character: the JDK's own
        // search runs 5.7 s without one read that could check the clock.
        String alternatives = String.join("|", java.util.Collections.nCopies(150, "(?!)"));
        render("<p>warm</p>", RenderLimits.DEFAULT);
        stoppedWithinTheBudget("#set($long = $contact.run.repeat(60000))<p>$long.replaceAll('(?:" + alternatives + ")', 'x').length()</p>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(?:){100000000}x", "((?:){1000}){1000}x", "(?:a?){2000}", "(?:\\d{100}){101}"})
    void countedRepetitionsTheEngineWouldRunWithoutReadingAreRefusedBeforeTheyRun(String regex) {
        // (?:){100000000}x takes the JDK 0.9 s on one position, reading nothing.
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() ->
                render("<p>$contact.run.matches('" + regex + "')</p>", RenderLimits.DEFAULT))
                .isInstanceOf(RenderLimitException.class).hasMessageContaining("repeat"));
    }

    @Test
    void ordinaryCountedRepetitionsAndEscapedBracesPass() {
        assertThat(render("<p>$contact.email.matches('[a-z]{3}@\\w{2,64}\\.\\p{L}{2,}') "
                + "$contact.email.replaceAll('\\{|\\Q{1000000}\\E', '')</p>", RenderLimits.DEFAULT).html())
                .isEqualTo("<p>true zoe@example.test</p>");
    }

    @Test
    void aRegularExpressionNestedTooDeepIsRefusedBeforeTheJdkCompilesIt() {
        String deep = "(".repeat(400) + "a" + ")".repeat(400);
        assertThatThrownBy(() -> render("<p>$contact.email.matches('" + deep + "')</p>", RenderLimits.DEFAULT))
                .isInstanceOf(RenderLimitException.class).hasMessageContaining("nests groups or classes more than 20 deep");
    }

    @Test
    void regularExpressionsStillWorkWithinTheBudget() {
        assertThat(render("<p>$contact.email.replaceAll('(\\w+)@(.+)', '$2 / $1') "
                + "$contact.email.replaceFirst('e', 'E') $contact.email.matches('.+@.+')</p>", RenderLimits.DEFAULT).html())
                .isEqualTo("<p>example.test / zoe zoE@example.test true</p>");
        assertThat(render("#foreach($part in $contact.email.split('[@.]'))[$part]#end", RenderLimits.DEFAULT).html())
                .isEqualTo("[zoe][example][test]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,b,,c,,", ",a", "", "abc", ",,,", "a1b22c333"})
    void splitAnswersWhatStringSplitAnswers(String text) {
        RenderBudget budget = new RenderBudget(RenderLimits.DEFAULT);
        for (String regex : List.of(",", "\\d+", "", "(?=b)", "^a", "\\b")) {
            for (int limit : new int[] {0, 1, 2, -1}) {
                assertThat(BoundedRegex.split(text, regex, limit, budget)).as("'%s'.split('%s', %d)", text, regex, limit)
                        .containsExactly(text.split(regex, limit));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zoe@example.test", "", "aaa", "a1b22c333", "Hello World, hello world"})
    void replaceAnswersWhatStringReplaceAllAndReplaceFirstAnswer(String text) {
        RenderBudget budget = new RenderBudget(RenderLimits.DEFAULT);
        List<List<String>> cases = List.of(List.of("a", "b"), List.of("x*", "-"), List.of("a*?", "-"), List.of("", "_"),
                List.of("(\\w)(\\d+)", "$2$1"), List.of("(?<word>[a-z]+)", "<${word}>"), List.of("\\d", "\\$"),
                List.of("(?<=a)", "|"), List.of("^|$", "#"), List.of("\\b", "'"), List.of("(?i)hello", "bye"),
                List.of("(a)(b)?", "[$2$1]"), List.of("((((((((((((a))))))))))))", "$12$1"), List.of("o", "$0$0"));
        for (List<String> c : cases) {
            assertThat(BoundedRegex.replace(text, c.get(0), c.get(1), true, budget))
                    .as("'%s'.replaceAll('%s', '%s')", text, c.get(0), c.get(1)).isEqualTo(text.replaceAll(c.get(0), c.get(1)));
            assertThat(BoundedRegex.replace(text, c.get(0), c.get(1), false, budget))
                    .as("'%s'.replaceFirst('%s', '%s')", text, c.get(0), c.get(1)).isEqualTo(text.replaceFirst(c.get(0), c.get(1)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"$", "\\", "$x", "${nope}", "$3"})
    void aBrokenReplacementIsRefusedAsTheJdkRefusesIt(String replacement) {
        RenderBudget budget = new RenderBudget(RenderLimits.DEFAULT);
        assertThatThrownBy(() -> "ab".replaceAll("(a)", replacement)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> BoundedRegex.replace("ab", "(a)", replacement, true, budget))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void aReplacementThatWouldMultiplyTheTextIsRefusedBeforeItIsBuilt() {
        RenderBudget budget = new RenderBudget(new RenderLimits(Duration.ofSeconds(5), 1_000_000, 10_000, 100_000));
        String text = "a".repeat(1_000);

        assertThatThrownBy(() -> BoundedRegex.replace(text, "a", "b".repeat(1_000), true, budget))
                .isInstanceOf(RenderLimitException.class).hasMessageContaining("characters of data");
    }
}
