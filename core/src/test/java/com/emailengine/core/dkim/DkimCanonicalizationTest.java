package com.emailengine.core.dkim;

import static com.emailengine.core.dkim.DkimCanonicalization.RELAXED;
import static com.emailengine.core.dkim.DkimCanonicalization.SIMPLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DkimCanonicalizationTest {

    // RFC 6376 §3.4.5: "A: <SP> X", "B <SP> : <SP> Y <HTAB><CRLF> <HTAB> Z <SP><SP>", then the body.
    private static final String EXAMPLE_A = "A: X";
    private static final String EXAMPLE_B = "B : Y\t\r\n\tZ  ";
    private static final String EXAMPLE_BODY = " C \r\nD \t E\r\n\r\n\r\n";

    @Test
    void relaxedHeadersMatchRfc6376Example1() {
        assertThat(RELAXED.canonicalizeHeader(EXAMPLE_A)).isEqualTo("a:X\r\n");
        assertThat(RELAXED.canonicalizeHeader(EXAMPLE_B)).isEqualTo("b:Y Z\r\n");
    }

    @Test
    void relaxedBodyMatchesRfc6376Example1() {
        assertThat(body(RELAXED, EXAMPLE_BODY)).isEqualTo(" C\r\nD E\r\n");
    }

    @Test
    void simpleHeadersMatchRfc6376Example2() {
        assertThat(SIMPLE.canonicalizeHeader(EXAMPLE_A)).isEqualTo("A: X\r\n");
        assertThat(SIMPLE.canonicalizeHeader(EXAMPLE_B)).isEqualTo("B : Y\t\r\n\tZ  \r\n");
    }

    @Test
    void simpleBodyMatchesRfc6376Example2() {
        assertThat(body(SIMPLE, EXAMPLE_BODY)).isEqualTo(" C \r\nD \t E\r\n");
    }

    /**
     * RFC 6376 §3.4.4 keeps an empty body empty under relaxed ("canonicalized to a null input",
     * sha256 47DEQ...), while simple turns it into one CRLF (§3.4.3, sha256 frcCV...). dkimpy
     * agrees; a relaxed CRLF here would break every empty-bodied signature.
     */
    @Test
    void emptyBodyIsEmptyUnderRelaxedAndOneCrlfUnderSimple() {
        assertThat(body(RELAXED, "")).isEmpty();
        assertThat(body(SIMPLE, "")).isEqualTo("\r\n");
        assertThat(bodyHash(RELAXED, "")).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
        assertThat(bodyHash(SIMPLE, "")).isEqualTo("frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=");
    }

    @Test
    void bodyOfOnlyEmptyLinesCanonicalizesLikeAnEmptyBody() {
        assertThat(body(RELAXED, "\r\n\r\n\r\n")).isEmpty();
        assertThat(body(SIMPLE, "\r\n\r\n\r\n")).isEqualTo("\r\n");
    }

    @Test
    void trailingEmptyLinesAreDroppedButInnerOnesKept() {
        assertThat(body(RELAXED, "a\r\n\r\nb\r\n\r\n\r\n")).isEqualTo("a\r\n\r\nb\r\n");
        assertThat(body(SIMPLE, "a\r\n\r\nb\r\n\r\n\r\n")).isEqualTo("a\r\n\r\nb\r\n");
    }

    @Test
    void relaxedTreatsWhitespaceOnlyTrailingLinesAsEmptyButSimpleDoesNot() {
        assertThat(body(RELAXED, "a\r\n \t \r\n\r\n\t\r\n")).isEqualTo("a\r\n");
        assertThat(body(SIMPLE, "a\r\n \t \r\n\r\n\t\r\n")).isEqualTo("a\r\n \t \r\n\r\n\t\r\n");
    }

    @Test
    void relaxedSqueezesWhitespaceRunsAndDropsItAtLineEnds() {
        assertThat(body(RELAXED, "\t\tlead  and\t\ttabs \t\r\n  \r\nx\r\n")).isEqualTo(" lead and tabs\r\n\r\nx\r\n");
    }

    @Test
    void bodyWithoutFinalCrlfGetsOne() {
        assertThat(body(RELAXED, "last line")).isEqualTo("last line\r\n");
        assertThat(body(SIMPLE, "last line")).isEqualTo("last line\r\n");
        assertThat(body(RELAXED, "last line  ")).isEqualTo("last line\r\n");
    }

    @Test
    void relaxedLowerCasesHeaderNamesButNotValues() {
        assertThat(RELAXED.canonicalizeHeader("SUBJECT: Hello World")).isEqualTo("subject:Hello World\r\n");
        assertThat(RELAXED.canonicalizeHeader("Message-ID: <AbC@Example.COM>")).isEqualTo("message-id:<AbC@Example.COM>\r\n");
        assertThat(SIMPLE.canonicalizeHeader("SUBJECT: Hello World")).isEqualTo("SUBJECT: Hello World\r\n");
    }

    @Test
    void relaxedUnfoldsFoldedHeaders() {
        assertThat(RELAXED.canonicalizeHeader("Subject: a \r\n  b\r\n\tc\t")).isEqualTo("subject:a b c\r\n");
        assertThat(RELAXED.canonicalizeHeader("To: x@example.com,\r\n y@example.com")).isEqualTo("to:x@example.com, y@example.com\r\n");
        assertThat(SIMPLE.canonicalizeHeader("Subject: a \r\n  b")).isEqualTo("Subject: a \r\n  b\r\n");
    }

    @Test
    void relaxedKeepsAnEmptyValueEmpty() {
        assertThat(RELAXED.canonicalizeHeader("X-Empty:")).isEqualTo("x-empty:\r\n");
        assertThat(RELAXED.canonicalizeHeader("X-Empty: \t ")).isEqualTo("x-empty:\r\n");
    }

    @Test
    void relaxedPassesNonAsciiOctetsThrough() {
        assertThat(RELAXED.canonicalizeHeader("Subject:  Crème   brûlée ")).isEqualTo("subject:Crème brûlée\r\n");
        assertThat(body(RELAXED, "Grüße  \r\n")).isEqualTo("Grüße\r\n");
    }

    /**
     * 400 random bodies of spaces, tabs, letters and line breaks, each ending in CRLF as every
     * body does on the wire: our output equals dkimpy's, octet for octet, for both algorithms.
     */
    @Test
    void bodyCanonicalizationAgreesWithDkimpyOnRandomBodies(@TempDir Path work) throws Exception {
        Random random = new Random(6376);
        String[] pieces = {" ", "\t", "a", "b", "\r\n", "\r\n", "  ", "é"};
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(30);
            for (int j = 0; j < n; j++) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            if (!sb.isEmpty() && !sb.toString().endsWith("\r\n")) {
                sb.append("\r\n");
            }
            bodies.add(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        try (PythonDkim python = new PythonDkim(work)) {
            for (DkimCanonicalization c : DkimCanonicalization.values()) {
                List<byte[]> theirs = python.canonicalizeBodies(c, bodies);
                for (int i = 0; i < bodies.size(); i++) {
                    assertThat(c.canonicalizeBody(bodies.get(i)))
                            .as("%s body %s", c, new String(bodies.get(i), StandardCharsets.UTF_8).replace("\r\n", "<CRLF>"))
                            .isEqualTo(theirs.get(i));
                }
            }
        }
    }

    /**
     * A body whose last line lacks its CRLF and holds only whitespace: RFC 6376 §3.4.4 says to
     * ignore whitespace at the end of lines, so the line is empty and dropped, which is also
     * what the body canonicalizes to once SMTP has added the missing CRLF. (dkimpy keeps it as
     * " CRLF"; such a body never leaves our fleet, as DATA always ends in CRLF.)
     */
    @Test
    void relaxedDropsAnUnterminatedWhitespaceOnlyLastLine() {
        assertThat(body(RELAXED, "text\r\n\t ")).isEqualTo("text\r\n").isEqualTo(body(RELAXED, "text\r\n\t \r\n"));
    }

    private static String body(DkimCanonicalization c, String body) {
        return new String(c.canonicalizeBody(body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private static String bodyHash(DkimCanonicalization c, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        BodyHasher hasher = new BodyHasher(-1);
        c.body(b, 0, b.length, hasher);
        return Base64.getEncoder().encodeToString(hasher.finish());
    }
}
