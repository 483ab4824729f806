package com.emailengine.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TxtCharacterStringsTest {

    @Test
    void leavesAShortValueWhole() {
        assertThat(TxtCharacterStrings.split("v=spf1 -all")).containsExactly("v=spf1 -all");
        assertThat(TxtCharacterStrings.split("")).containsExactly("");
    }

    @Test
    void splitsALongValueIntoPiecesOfAtMost255OctetsThatConcatenateBack() {
        String value = "v=DKIM1; k=rsa; p=" + "A".repeat(392);

        List<String> pieces = TxtCharacterStrings.split(value);

        assertThat(pieces).hasSize(2).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(255));
        assertThat(String.join("", pieces)).isEqualTo(value);
    }

    @Test
    void cutsAfterASpaceSoMechanismsStayWhole() {
        StringBuilder spf = new StringBuilder("v=spf1");
        for (int i = 0; i < 40; i++) {
            spf.append(" ip4:192.0.2.").append(i * 3);
        }
        spf.append(" -all");

        List<String> pieces = TxtCharacterStrings.split(spf.toString());

        assertThat(pieces).hasSizeGreaterThan(1);
        assertThat(pieces.subList(0, pieces.size() - 1)).allSatisfy(p -> assertThat(p).endsWith(" "));
        assertThat(String.join("", pieces)).isEqualTo(spf.toString());
    }

    @Test
    void neverSplitsAMultiOctetCharacter() {
        String value = "é".repeat(200);

        List<String> pieces = TxtCharacterStrings.split(value);

        assertThat(pieces).allSatisfy(p -> assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255));
        assertThat(String.join("", pieces)).isEqualTo(value);
    }

    @Test
    void escapesQuotesBackslashesAndNonAsciiInZoneText() {
        assertThat(TxtCharacterStrings.zoneFileText("say \"hi\" \\ é")).isEqualTo("\"say \\\"hi\\\" \\\\ \\195\\169\"");
    }
}
