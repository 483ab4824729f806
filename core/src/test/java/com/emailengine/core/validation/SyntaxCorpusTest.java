package com.emailengine.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.InvalidEmailAddressException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table-driven syntax test: every line of {@code validation/syntax-corpus.tsv} is an address, the expected
 * verdict (valid, or the reason code) and the source the case comes from (RFCs, Wikipedia's lists, the is_email
 * suite, UASG's universal-acceptance addresses). The header of the file lists the sources.
 */
class SyntaxCorpusTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(EMPTY|SP|U\\+([0-9A-F]{4,6})|(.)\\*(\\d+))}");

    record Case(String address, String expected, String source, int line) {
    }

    static List<Case> corpus() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = SyntaxCorpusTest.class.getResourceAsStream("/validation/syntax-corpus.tsv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", -1);
                if (columns.length != 3) {
                    throw new IllegalStateException("syntax-corpus.tsv line " + (i + 1) + " has " + columns.length + " columns");
                }
                cases.add(new Case(expand(columns[0]), columns[1], columns[2], i + 1));
            }
        }
        return cases;
    }

    private static String expand(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1).equals("EMPTY")) {
                replacement = "";
            } else if (m.group(1).equals("SP")) {
                replacement = " ";
            } else if (m.group(2) != null) {
                replacement = String.valueOf(Character.toChars(Integer.parseInt(m.group(2), 16)));
            } else {
                replacement = m.group(3).repeat(Integer.parseInt(m.group(4)));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Stream<Arguments> cases() throws IOException {
        return corpus().stream().map(c -> Arguments.of(c.line(), c.address(), c.expected(), c.source()));
    }

    @Test
    void theCorpusHoldsAtLeastAHundredValidAndAHundredInvalidAddresses() throws IOException {
        List<Case> corpus = corpus();
        assertThat(corpus.stream().filter(c -> c.expected().equals("valid")).count()).isGreaterThanOrEqualTo(100);
        assertThat(corpus.stream().filter(c -> !c.expected().equals("valid")).count()).isGreaterThanOrEqualTo(100);
        assertThat(corpus).allSatisfy(c -> assertThat(c.expected().equals("valid") || ReasonCode.of(c.expected()).isPresent())
                .as("line %d: '%s' is neither valid nor a reason code", c.line(), c.expected()).isTrue());
    }

    @ParameterizedTest(name = "line {0}: {1} -> {2} ({3})")
    @MethodSource("cases")
    void eachAddressGetsItsExpectedVerdict(int line, String address, String expected, String source) {
        if (expected.equals("valid")) {
            EmailAddress parsed = EmailAddress.parse(address);
            // A parsed address parses again to itself: what we store is itself acceptable.
            assertThat(EmailAddress.parse(parsed.value())).isEqualTo(parsed);
            assertThat(EmailAddress.parse(parsed.asciiForm()).asciiDomain()).isEqualTo(parsed.asciiDomain());
            assertThat(parsed.asciiDomain()).matches("[a-z0-9.-]+");
        } else {
            assertThatThrownBy(() -> EmailAddress.parse(address))
                    .isInstanceOf(InvalidEmailAddressException.class)
                    .extracting(e -> ((InvalidEmailAddressException) e).reason()).isEqualTo(expected);
        }
    }
}
