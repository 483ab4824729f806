package com.emailengine.core.templating;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Contact data rendered into a URL attribute cannot choose an active scheme; the author's own links stay as written. */
class LinkSafetyTest {

    private static final LanguageTag EN = LanguageTag.of("en");

    private static String html(String html, String firstName) {
        TemplateVersion version = new TemplateVersion(new TemplateRef("acme", "t", 1),
                new TemplateContent(EN, List.of(new TemplateVariant(EN, "Subject", null, html, "text")), null),
                Instant.EPOCH, "api", List.of());
        return new MessageRenderer(ref -> Optional.of(version), new TemplateCompiler(new TemplateSandbox()), Clock.systemUTC())
                .render(version.ref(), EN, EN, Map.of("contact", Map.of("firstName", firstName, "site", "https://zoe.example/a?b=1&c=2"),
                        "links", Map.of("unsubscribe", "https://acme.test/ee/unsubscribe/abc")), "seed").html();
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(document.cookie)", "JaVaScRiPt:alert(1)", "  javascript:alert(1)",
            "java\tscript:alert(1)", "java\nscript:alert(1)", "\u0001javascript:alert(1)", "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "file:///etc/passwd", "x-unknown:thing"})
    void aFirstNameWithAnActiveSchemeRenderedIntoAnHrefIsNeutralised(String firstName) {
        assertThat(html("<a href=\"$contact.firstName\">hi</a>", firstName)).isEqualTo("<a href=\"about:invalid\">hi</a>");
        assertThat(html("<a class=x href='${contact.firstName}' title=\"t\">hi</a>", firstName))
                .isEqualTo("<a class=x href='about:invalid' title=\"t\">hi</a>");
        // Unquoted, leading spaces of the data are the white space before the value, as a browser reads them.
        assertThat(html("<img src=$contact.firstName alt=\"\">", firstName)).matches("<img src= *about:invalid alt=\"\">");
        assertThat(html("<svg><a xlink:href=\"$contact.firstName\">x</a></svg><form action=\"$contact.firstName\">",
                firstName)).isEqualTo("<svg><a xlink:href=\"about:invalid\">x</a></svg><form action=\"about:invalid\">");
    }

    @Test
    void aValueBuiltFromContactDataOrSplitAcrossReferencesIsJudgedWhole() {
        assertThat(html("#set($u = \"$contact.firstName\")<a href=\"$u\">hi</a>", "javascript:alert(1)"))
                .isEqualTo("<a href=\"about:invalid\">hi</a>");
        assertThat(html("<a href=\"${contact.firstName}script:alert(1)\">hi</a>", "java"))
                .isEqualTo("<a href=\"about:invalid\">hi</a>");
        assertThat(html("<a href=\"$contact.firstName:alert(1)\">hi</a>", "javascript"))
                .isEqualTo("<a href=\"about:invalid\">hi</a>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://zoe.example/profile", "http://zoe.example", "mailto:zoe@example.test", "tel:+33612345678",
            "/relative/path", "page.html", "?q=1", "#top", "//zoe.example/x", "a b:c"})
    void httpHttpsMailtoTelAndRelativeValuesPass(String firstName) {
        assertThat(html("<a href=\"$contact.firstName\">hi</a>", firstName)).isEqualTo("<a href=\"" + HtmlEscape.text(firstName) + "\">hi</a>");
    }

    @Test
    void theAuthorsOwnLinksAndLinksAfterTheirOwnSchemeStayAsWritten() {
        assertThat(html("<a href=\"javascript:void(0)\">x</a> <a href=\"mailto:$contact.firstName\">m</a> "
                + "<a href=\"$links.unsubscribe\">u</a> <a href=\"$contact.site\">s</a>", "javascript:alert(1)"))
                .isEqualTo("<a href=\"javascript:void(0)\">x</a> <a href=\"mailto:javascript:alert(1)\">m</a> "
                        + "<a href=\"https://acme.test/ee/unsubscribe/abc\">u</a> <a href=\"https://zoe.example/a?b=1&amp;c=2\">s</a>");
    }

    @Test
    void dataOutsideUrlAttributesIsOnlyEscapedAsBefore() {
        assertThat(html("<p title=\"$contact.firstName\">$contact.firstName</p><!-- $contact.firstName -->"
                + "<style>a{color:red}</style><a href=\"https://acme.test/?n=$contact.firstName\">x</a>", "javascript:<b>"))
                .isEqualTo("<p title=\"javascript:&lt;b&gt;\">javascript:&lt;b&gt;</p><!-- javascript:&lt;b&gt; -->"
                        + "<style>a{color:red}</style><a href=\"https://acme.test/?n=javascript:&lt;b&gt;\">x</a>");
    }

    @Test
    void dataCannotEndAnUnquotedAttributeValueAndAddAnotherAttribute() {
        assertThat(html("<a href=$contact.firstName>hi</a>", "x onmouseover=alert(1)"))
                .isEqualTo("<a href=x&#32;onmouseover&#61;alert(1)>hi</a>");
        assertThat(html("<td width=$contact.firstName>hi</td>", "1 onclick=alert(1)"))
                .isEqualTo("<td width=1&#32;onclick&#61;alert(1)>hi</td>");
    }

    @Test
    void aUrlAttributeInsideScriptOrStyleTextIsNotATag() {
        assertThat(html("<style>/* <a href=\"$contact.firstName\"> */</style><a href=\"$contact.firstName\">x</a>",
                "javascript:alert(1)"))
                .isEqualTo("<style>/* <a href=\"javascript:alert(1)\"> */</style><a href=\"about:invalid\">x</a>");
        assertThat(html("#set($le = 'le')<style>a{}</sty${le}><a href=\"$contact.firstName\">x</a>", "javascript:alert(1)"))
                .as("the end of the style element written in two pieces").endsWith("<a href=\"about:invalid\">x</a>");
    }

    @Test
    void aLinkAfterAColourInAStyleIsStillALinkOnEveryRender() {
        // Velocity cuts the template's text at '#f4f5f7': the next piece starts inside the style value, and what the
        // guard worked out for that piece the first time is replayed on the next renders.
        String template = "<a style=\"color:#f4f5f7;border:0\" href=\"$contact.firstName\">x</a><p style='color:#111'>$contact.firstName</p>";
        for (String firstName : List.of("javascript:alert(1)", "https://zoe.example", "vbscript:x")) {
            String expected = firstName.startsWith("https") ? firstName : "about:invalid";
            assertThat(html(template, firstName)).isEqualTo("<a style=\"color:#f4f5f7;border:0\" href=\"" + expected
                    + "\">x</a><p style='color:#111'>" + firstName + "</p>");
        }
    }
}
