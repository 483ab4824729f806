package com.emailengine.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TagListTest {

    @Test
    void readsTagsSurroundedByFoldingWhitespace() throws Exception {
        TagList tags = TagList.parse(" v=1;\r\n\ta = rsa-sha256 ;\r\n h=from :\r\n to; b=abc\r\n def\t;");

        assertThat(tags.value("v")).contains("1");
        assertThat(tags.value("a")).contains("rsa-sha256");
        assertThat(tags.value("h")).contains("from :\r\n to");
        assertThat(tags.value("b")).contains("abc\r\n def");
        assertThat(TagList.withoutWhitespace(tags.value("b").orElseThrow())).isEqualTo("abcdef");
    }

    @Test
    void recordsWhereEachTagsValueRegionStartsAndEnds() throws Exception {
        String text = " d=example.com; b= ab cd ; s=x";
        TagList.Tag b = TagList.parse(text).tag("b").orElseThrow();

        assertThat(text.substring(b.afterEquals(), b.specEnd())).isEqualTo(" ab cd ");
    }

    @Test
    void acceptsATrailingSemicolonAndEmptyValues() throws Exception {
        TagList tags = TagList.parse("v=DKIM1; p=; ");

        assertThat(tags.value("p")).contains("");
        assertThat(tags.has("v")).isTrue();
    }

    @Test
    void namesAreCaseSensitive() throws Exception {
        TagList tags = TagList.parse("V=1; v=2");

        assertThat(tags.value("v")).contains("2");
        assertThat(tags.value("V")).contains("1");
    }

    @Test
    void rejectsMalformedLists() {
        assertThatThrownBy(() -> TagList.parse("a=1; a=2")).hasMessageContaining("duplicate tag 'a'");
        assertThatThrownBy(() -> TagList.parse("a=1;; b=2")).hasMessageContaining("must start with a letter");
        assertThatThrownBy(() -> TagList.parse("1a=1")).hasMessageContaining("must start with a letter");
        assertThatThrownBy(() -> TagList.parse("a 1")).hasMessageContaining("lacks '='");
        assertThatThrownBy(() -> TagList.parse("a=é")).hasMessageContaining("invalid character");
    }
}
