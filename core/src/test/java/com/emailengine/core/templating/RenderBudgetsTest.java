package com.emailengine.core.templating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Time, output and memory budgets hold inside a render, whatever the template calls: the render thread stops itself
 * at the budget, and nothing is allocated beyond what the budget allows.
 */
class RenderBudgetsTest {

    private static final LanguageTag EN = LanguageTag.of("en");
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static RenderedContent render(String html, RenderLimits limits, Map<String, Object> variables) {
        TemplateVersion version = new TemplateVersion(new TemplateRef("acme", "t", 1),
                new TemplateContent(EN, List.of(new TemplateVariant(EN, "Subject", null, html, "text")), null),
                Instant.EPOCH, "api", List.of());
        return new MessageRenderer(ref -> Optional.of(version), new TemplateCompiler(new TemplateSandbox(limits)), Clock.systemUTC())
                .render(new TemplateRef("acme", "t", 1), EN, EN, variables, "seed");
    }

    private static RenderedContent render(String html, RenderLimits limits) {
        return render(html, limits, Map.of("contact", Map.of("email", "zoe@example.test", "firstName", "Zoé",
                "run", "a".repeat(60))));
    }

    private static RenderedContent render(String html) {
        return render(html, RenderLimits.DEFAULT);
    }

    /** Bytes this thread allocates while the render runs, failing or not. */
    private static long allocatedBy(Runnable render) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try {
            render.run();
        } catch (TemplateRenderException expected) {
            // What is measured is the allocation on the way to the refusal.
        }
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    /** Bytes this thread allocates on the way to the data budget's refusal of the render. */
    private static long allocatedUntilRefused(String html, RenderLimits limits) {
        return allocatedBy(() -> assertThatThrownBy(() -> render(html, limits))
                .isInstanceOf(RenderLimitException.class).hasMessageContaining("characters"));
    }

    @Test
    void threeParallelRendersThatRepeatWithoutBoundEachStopWithinTheirDataBudget() throws Exception {
        // Each asks for 16 * 2^40 characters: three such previews in parallel ended in OutOfMemoryError before.
        String html = "#set($x = $contact.email)#foreach($i in [1..40])#set($x = $x.repeat(2))#end<p>$x.length()</p>";
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Long>> renders = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                renders.add(pool.submit(() -> allocatedUntilRefused(html, RenderLimits.DEFAULT)));
            }
            for (Future<Long> allocated : renders) {
                // Four million characters of data: 4 MB of Latin-1 text and what building it in steps allocates.
                assertThat(allocated.get(30, TimeUnit.SECONDS)).as("bytes one render allocated").isLessThan(32L << 20);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aQuotedStringOfManyReferencesToALargeValueIsRefusedBeforeItIsBuilt() {
        // 600,000 characters twenty times in one interpolated string: Velocity builds it in a buffer of its own.
        String html = "#set($big = $contact.run.repeat(10000))#set($x = \"" + "$big".repeat(20) + "\")<p>$x.length()</p>";

        assertThat(allocatedUntilRefused(html, RenderLimits.DEFAULT)).as("bytes allocated").isLessThan(32L << 20);
    }

    @Test
    void arithmeticInsideAQuotedStringIsGuardedLikeTheTemplatesOwn() {
        // The string's text is parsed by Velocity as a template of its own, when the template is initialised.
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            long start = System.nanoTime();
            assertThatThrownBy(() -> render("#set($nine = '9')#set($n = $nine.repeat(200000))"
                    + "#set($x = \"#set($m = $n * 2)$m\")<p>$x</p>"))
                    .isInstanceOf(RenderLimitException.class).hasMessageContaining("used as a number");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        });
    }

    @Test
    void readingValuesOverAndOverBuildsNothingAndCostsNoData() {
        // A data budget of 50,000 characters (the ranges take half): the loops below read millions, and build nothing.
        RenderLimits small = new RenderLimits(Duration.ofSeconds(5), 1_000_000, 10_000, 50_000);
        List<String> items = new ArrayList<>();
        Map<String, Object> fields = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            items.add("item-" + i + "-" + "x".repeat(40));
            fields.put("field" + i, "v".repeat(50));
        }
        Map<String, Object> variables = Map.of("items", items, "contact", Map.of("firstName", "Zoé", "fields", fields));

        assertThat(render("#foreach($i in [0..499])#if($items.get($i).length() > 100)x#end#end"
                + "#foreach($i in [1..2000])#if($contact.firstName == $contact.fields.field7)x#end#end"
                + "#foreach($item in $items)#if($items.contains($contact.firstName) || $contact.fields.isEmpty())x#end#end"
                + "<p>done</p>", small, variables).html()).isEqualTo("<p>done</p>");
    }


    @Test
    void repeatOfAHugeCountIsRefusedBeforeAllocating() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            long allocated = allocatedBy(() -> assertThatThrownBy(() -> render("<p>${contact.email.repeat(1500000000)}</p>"))
                    .isInstanceOf(RenderLimitException.class).hasMessageContaining("characters of data"));
            assertThat(allocated).as("bytes allocated").isLessThan(64L << 20);
        });
        assertThat(render("<p>${contact.firstName.repeat(3)}</p>").html()).isEqualTo("<p>ZoéZoéZoé</p>");
    }

    @Test
    void replaceThatWouldMultiplyTheTextIsRefusedBeforeAllocating() {
        long allocated = allocatedBy(() -> assertThatThrownBy(() -> render(
                "#set($x = $contact.run.repeat(10000))<p>${x.replace('a', $x)}</p>"))
                .isInstanceOf(RenderLimitException.class));
        assertThat(allocated).as("bytes allocated").isLessThan(64L << 20);
        assertThat(render("<p>${contact.email.replace('example', 'sample')}</p>").html()).isEqualTo("<p>zoe@sample.test</p>");
    }

    @Test
    void concatenationThatDoublesInALoopIsRefusedWithinTheDataBudget() {
        String doubling = "#set($x = $contact.email)#foreach($i in [1..40])#set($x = $x + $x)#end<p>$x.length()</p>";
        String interpolated = "#set($x = $contact.email)#foreach($i in [1..40])#set($x = \"$x$x\")#end<p>$x.length()</p>";
        for (String html : List.of(doubling, interpolated)) {
            long allocated = allocatedBy(() -> assertThatThrownBy(() -> render(html))
                    .isInstanceOf(RenderLimitException.class).hasMessageContaining("characters of data"));
            assertThat(allocated).as("bytes allocated by %s", html).isLessThan(256L << 20);
        }
    }

    @Test
    void listsBuiltFromThemselvesAreRefusedBeforeTheirTextExplodes() {
        assertThatThrownBy(() -> render("#set($l = [$contact.email])#foreach($i in [1..60])#set($l = [$l, $l])#end<p>$l</p>"))
                .isInstanceOf(RenderLimitException.class);
        assertThatThrownBy(() -> render("#set($l = [])#foreach($i in [1..5000])#set($l = [$l])#end<p>$l</p>"))
                .isInstanceOf(RenderLimitException.class).hasMessageContaining("nest more than 32 deep");
    }

    @Test
    void arithmeticThatOverflowsIntoHugeNumbersIsRefused() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> render(
                "#set($x = 2147483647)#foreach($i in [1..40])#set($x = $x * $x)#end<p>$x</p>"))
                .isInstanceOf(RenderLimitException.class).hasMessageContaining("larger than 4096 bits"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"#if($n > 1)x#end", "#if(\"$n$n$n$n$n$n$n$n$n$n\" == 1)x#end", "#set($m = $n * 2)$m",
            "#foreach($i in [1..$n])x#end", "#set($m = -$n)$m"})
    void aLongRunOfDigitsIsNeverTurnedIntoANumber(String use) {
        // Velocity would call new BigDecimal(text): quadratic in the digits, many seconds for a million in one call.
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            long start = System.nanoTime();
            assertThatThrownBy(() -> render("#set($nine = '9')#set($n = $nine.repeat(200000))" + use))
                    .isInstanceOf(RenderLimitException.class).hasMessageContaining("used as a number");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        });
    }

    @Test
    void aDecimalWithAHugeExponentIsNotAlignedWithAnother() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() ->
                render("#set($e = '1e999999999')#set($m = $e + 0.5)$m"))
                .isInstanceOf(RenderLimitException.class).hasMessageContaining("exponent"));
        assertThat(render("#set($price = '12.50')#set($twice = $contact.email.length() * 2)<p>#if($price > 10)dear#end $twice</p>").html())
                .isEqualTo("<p>dear 32</p>");
    }

    @Test
    void aSearchForALongNeedleInALongTextStaysLinear() {
        // 1.2 million characters searched for 12,001: 1.4 * 10^10 comparisons the JDK's way, seconds in one call.
        render("<p>warm</p>");
        long start = System.nanoTime();
        assertThat(render("#set($hay = $contact.run.repeat(20000))#set($needle = \"${contact.run.repeat(200)}b\")"
                + "<p>$hay.contains($needle) $hay.indexOf($needle) $hay.indexOf($contact.run)</p>").html())
                .isEqualTo("<p>false -1 0</p>");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        RenderBudget budget = new RenderBudget(RenderLimits.DEFAULT);
        String text = "ab".repeat(20_000) + "abc" + "ab".repeat(10);
        String needle = "ab".repeat(1000) + "c";
        assertThat(TextSearch.indexOf(text, needle, 0, budget)).isEqualTo(text.indexOf(needle));
        assertThat(TextSearch.indexOf(text, needle, 39_000, budget)).isEqualTo(text.indexOf(needle, 39_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$contact.email.format('%0999999999d', 1)", "$contact.email.formatted(1)",
            "$contact.email.indent(2000000000)", "$contact.email.join(',', [1, 2])", "$contact.email.getBytes()"})
    void methodsThatAreNotOnTheListAreRefusedWhenTheTemplateIsSavedWithTheirPlace(String call) {
        TemplateVersion version = new TemplateVersion(new TemplateRef("acme", "t", 1), new TemplateContent(EN,
                List.of(new TemplateVariant(EN, "Subject", null, "<p>ok</p>\n<p>" + call + "</p>", null)), null),
                Instant.EPOCH, "api", List.of());

        assertThatThrownBy(() -> new TemplateCompiler(new TemplateSandbox()).compile(version))
                .isInstanceOfSatisfying(InvalidTemplateException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.part()).isEqualTo("en/html");
                            assertThat(p.line()).isEqualTo(2);
                            assertThat(p.column()).isEqualTo("<p>".length() + call.indexOf('.', "$contact.email".length()) + 2);
                            assertThat(p.message()).contains("is not a method templates may call");
                        }));
    }

    @Test
    void ordinaryStringAndHelperCallsStillRender() {
        assertThat(render("<p>${contact.firstName.toUpperCase()} ${contact.email.substring(0, 3)} "
                + "${contact.email.length()} $text.uppercase($contact.firstName) ${contact.email.contains('@')} "
                + "$contact.email.isEmpty() $contact.email.empty</p>").html())
                .isEqualTo("<p>ZOÉ zoe 16 ZOÉ true false false</p>");
    }

    @Test
    void spintaxNestedTooDeepIsRefused() {
        assertThatThrownBy(() -> render("<p>$spin.one('" + "{".repeat(5_000) + "a|b" + "}".repeat(5_000) + "')</p>"))
                .isInstanceOf(RenderLimitException.class).hasMessageContaining("spintax");
        assertThat(render("<p>$spin.one('{a|a}|{a|a}')</p>").html()).isEqualTo("<p>a</p>");
    }
}
