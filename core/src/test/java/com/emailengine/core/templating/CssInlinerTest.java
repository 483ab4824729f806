package com.emailengine.core.templating;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CssInlinerTest {

    @Test
    void appliesTheCascadeAndKeepsWhatCannotBeInlined() {
        String source = """
                <html><head><style>
                p { color: red; margin: 0 }
                .note { color: blue }
                #main .note { color: green !important }
                a:hover { color: pink }
                @media (max-width: 600px) { p { font-size: 14px } }
                </style></head><body><div id="main">
                <p class="note" style="color: black; padding: 2px">one</p>
                <p style="color: black">two</p>
                #foreach($i in $items)<p class="note">$i</p>#end
                </div></body></html>""";

        String inlined = CssInliner.inline(source);

        assertThat(inlined)
                .contains("<p class=\"note\" style=\"margin:0; color:green !important; padding:2px;\">one</p>")
                .contains("<p style=\"margin:0; color:black;\">two</p>")
                .contains("#foreach($i in $items)<p style=\"margin:0; color:green !important;\" class=\"note\">$i</p>#end")
                .contains("a:hover {color: pink}").contains("@media (max-width: 600px) { p { font-size: 14px } }")
                .doesNotContain(".note { color: blue }");
    }

    @Test
    void aStyleBlockMarkedNotToInlineIsLeftAlone() {
        String source = "<html><head><style data-inline=\"false\">p{color:red}</style></head><body><p>x</p></body></html>";

        assertThat(CssInliner.inline(source)).isEqualTo(source);
    }
}
