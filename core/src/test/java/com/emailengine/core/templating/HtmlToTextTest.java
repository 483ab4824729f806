package com.emailengine.core.templating;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlToTextTest {

    @Test
    void blocksListsLinksImagesRulesAndEntitiesBecomeReadableText() {
        String html = """
                <html><head><title>T</title><style>p{color:red}</style></head><body>
                <div style="display:none">hidden preheader</div>
                <h1>Titre&nbsp;principal</h1>
                <p>Un   paragraphe<br>sur deux lignes &eacute;l&eacute;gantes &amp; &#8364;10 &hearts;</p>
                <ul><li>un</li><li>deux <a href="https://example.test/d">lien</a></li></ul>
                <ol><li>premier</li><li>second</li></ol>
                <p><a href="https://example.test/x">https://example.test/x</a> <a href="mailto:a@example.test">a@example.test</a>
                <a href="https://example.test/img"><img src="x.png" alt="Logo"></a></p>
                <hr>
                <blockquote>cité</blockquote>
                <table><tr><td>cellule A</td><td>cellule B</td></tr></table>
                </body></html>""";

        assertThat(HtmlToText.convert(html)).isEqualTo("""
                Titre principal

                Un paragraphe
                sur deux lignes élégantes & €10 ♥

                - un
                - deux lien (https://example.test/d)

                1. premier
                2. second

                https://example.test/x a@example.test Logo (https://example.test/img)

                ----------------------------------------

                > cité

                cellule A
                cellule B
                """);
    }

    @Test
    void aDerivedTemplateKeepsVelocityConstructsAndTheirMeaning() {
        String derived = HtmlToText.deriveTemplate("<p>Hi $contact.firstName!</p>#if($x)<p>yes</p>#else<p>no</p>#end"
                + "<p><a href=\"$links.unsubscribe\">stop</a> ## a comment\n</p>");

        assertThat(derived).contains("Hi ${contact.firstName}!").contains("#{if}($x)").contains("#{else}").contains("#{end}")
                .contains("stop (${links.unsubscribe})").doesNotContain("a comment");
    }
}
