package com.emailengine.core.templating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sources that nest too deeply for Velocity's recursive parser are refused with their place, never overflow the stack. */
class TemplateNestingTest {

    private static final LanguageTag EN = LanguageTag.of("en");
    private final TemplateSandbox sandbox = new TemplateSandbox();

    private static String nestedIfs(int depth) {
        return "#if(true)".repeat(depth) + "x" + "#end".repeat(depth);
    }

    @Test
    void aHundredThousandNestedIfsAreRefusedWithThePlaceWhereTheLimitIsCrossed() {
        String source = "<p>start</p>\n" + nestedIfs(100_000);

        assertThatThrownBy(() -> sandbox.compile("en/html", source))
                .isInstanceOfSatisfying(InvalidTemplateException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.part()).isEqualTo("en/html");
                            assertThat(p.line()).isEqualTo(2);
                            // The parenthesis of the fiftieth #if: its arguments are one level more.
                            assertThat(p.column()).isEqualTo((TemplateNesting.MAX_DEPTH - 1) * "#if(true)".length() + "#if(".length());
                            assertThat(p.message()).contains("nests more than 50 levels deep");
                        }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"paren", "method", "list", "map", "braced", "string", "chain"})
    void thousandsOfNestedParenthesesBracketsAndStringsAreRefused(String kind) {
        int n = 3_000;
        String source = switch (kind) {
            case "paren" -> "#if(" + "(".repeat(n) + "true" + ")".repeat(n) + ")x#end";
            case "method" -> "$contact.email.substring(" + "$contact.email.length(".repeat(n) + ")".repeat(n) + ")";
            case "list" -> "#set($x = " + "[".repeat(n) + "1" + "]".repeat(n) + ")";
            case "map" -> "#set($x = " + "{'a':".repeat(n) + "1" + "}".repeat(n) + ")";
            case "braced" -> "${contact.email.substring(" + "(".repeat(n) + "1" + ")".repeat(n) + ")}";
            case "string" -> "#set($x = \"" + "#if(true)".repeat(n) + "#end".repeat(n) + "\")";
            case "chain" -> "$contact.email.substring(1).substring(" + "(".repeat(n) + "1" + ")".repeat(n) + ")";
            default -> throw new IllegalArgumentException(kind);
        };

        assertThatThrownBy(() -> sandbox.compile("en/html", source))
                .isInstanceOfSatisfying(InvalidTemplateException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.message()).contains("nests more than 50 levels deep")));
    }

    @Test
    void aLongOperatorChainIsRefusedBeforeVelocityInitialisesIt() {
        String source = "#set($x = 1" + " + 1".repeat(5_000) + ")$x";

        assertThatThrownBy(() -> sandbox.compile("en/html", source))
                .isInstanceOfSatisfying(InvalidTemplateException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.message()).contains("expressions nest more than 300 levels")));
    }

    @Test
    void aHugeNumberLiteralIsRefusedBeforeTheJdkParsesIt() {
        assertThatThrownBy(() -> sandbox.compile("en/html", "#set($x = " + "9".repeat(500_000) + ")$x"))
                .isInstanceOfSatisfying(InvalidTemplateException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.message()).contains("number literal longer than 100")));
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        // Forty-nine #if with the arguments of the innermost: fifty levels.
        assertThat(sandbox.compile("en/html", nestedIfs(TemplateNesting.MAX_DEPTH - 1))).isNotNull();
        assertThatThrownBy(() -> sandbox.compile("en/html", nestedIfs(TemplateNesting.MAX_DEPTH)))
                .isInstanceOf(InvalidTemplateException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<p>(((((((((( :-( ((((((((((((((((((((((((((((((((((((((((((((((((((</p>",
            "<style>a{color:#f4f5f7}</style>{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{",
            "## #if #if #if\n#* #if(#if( *#\n#[[ #if((((( ]]#\n\\#if \\#if(\n<p>$5 ($price</p>"})
    void bracketsInTextCommentsAndEscapesAreNotNesting(String source) {
        assertThat(sandbox.compile("en/html", source)).isNotNull();
    }

    @Test
    void aTemplateTooDeepForAVerySmallStackIsARefusalNotAStackOverflow() throws InterruptedException {
        // 40 levels pass the measured limit; on a 64 KB stack the parser still overflows, and that must be a refusal.
        String source = "#if(" + "(".repeat(40) + "true" + ")".repeat(40) + ")x#end";
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread small = new Thread(null, () -> {
            try {
                sandbox.compile("en/html", source);
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "small-stack", 64 * 1024);
        small.start();
        small.join();

        assertThat(outcome.get()).isInstanceOfSatisfying(InvalidTemplateException.class, e ->
                assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("too deeply")));
        assertThat(sandbox.compile("en/html", "#if(true)ok#end")).as("the parser pool survives").isNotNull();
    }

    @Test
    void theCatalogAnswersADeepTemplateWithARefusalNamingThePart() {
        TemplateVersion version = new TemplateVersion(new TemplateRef("acme", "t", 1), new TemplateContent(EN,
                List.of(new TemplateVariant(EN, "Subject", null, "#if(1)".repeat(80_000), null)), null),
                Instant.EPOCH, "api", List.of());

        assertThatThrownBy(() -> new TemplateCompiler(sandbox).compile(version))
                .isInstanceOfSatisfying(InvalidTemplateException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p.part()).isEqualTo("en/html")));
    }
}
