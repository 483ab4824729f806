package com.emailengine.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.emailengine.core.names.MailDomain;
import com.emailengine.core.names.Punycode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Our IDNA 2008 conversion and Punycode codec judged by independent implementations: the Python {@code idna}
 * package (Debian python3-idna, IDNA 2008 + UTS #46) and Python's built-in RFC 3492 codec.
 */
class IdnaPeerTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    /** Names both implementations must treat alike: same A-label, or both refuse. */
    private static final List<String> DOMAINS = List.of(
            "bücher.example", "faß.de", "FASS.de", "straße.de", "ελληνικά.gr", "ς.gr", "münchen.de", "ＥＸＡＭＰＬＥ.com",
            "例子.广告", "例子.测试", "屋企.香港", "실례.테스트", "例え.テスト", "ドメイン・テスト.jp", "पोस्ट.भारत",
            "उदाहरण.परीक्षा", "пример.испытание", "пошта.укр", "مثال.إختبار", "موقع.وزارة-الاتصالات.مصر", "col·legi.cat",
            "españa.com", "dörte.sörensen.example.com", "xn--bcher-kva.example", "xn--fa-hia.de", "xn--mnchen-3ya.de",
            "☃.net", "i❤.ws", "ab·cd.cat", "a\u200Db.com", "\u0301x.com");

    @Test
    void ourALabelsAgreeWithPythonIdna() throws Exception {
        List<String> theirs = python("idna", DOMAINS);
        for (int i = 0; i < DOMAINS.size(); i++) {
            MailDomain.Checked ours = MailDomain.check(DOMAINS.get(i));
            String expected = theirs.get(i);
            if (expected.equals("ERR")) {
                assertThat(ours.valid()).as("python idna refuses %s; we made %s", DOMAINS.get(i), ours.ascii()).isFalse();
            } else {
                assertThat(ours.ascii()).as("A-label of %s", DOMAINS.get(i)).isEqualTo(expected);
            }
        }
    }

    @Test
    void ourPunycodeAgreesWithPythonsCodecAndDecodesBack() throws Exception {
        List<String> labels = List.of("bücher", "faß", "他们为什么不说中文", "他們爲什麽不說中文", "3年B組金八先生",
                "ليهمابتكلموشعربي؟", "почемужеонинеговорятпорусски", "Pročprostěnemluvíčesky", "-> $1.00 <-", "ü", "例え");
        List<String> theirs = python("punycode", labels);
        for (int i = 0; i < labels.size(); i++) {
            assertThat(Punycode.encode(labels.get(i))).as("encoding %s", labels.get(i)).hasValue(theirs.get(i));
            assertThat(Punycode.decode(theirs.get(i))).as("decoding %s", theirs.get(i)).hasValue(labels.get(i));
        }
    }

    @Test
    void rfc3492SampleStringsEncodeAsPublished() {
        // RFC 3492 §7.1 (B) simplified Chinese and (S) an all-ASCII string.
        assertThat(Punycode.encode("他们为什么不说中文")).hasValue("ihqwcrb4cv8a8dqg056pqjye");
        assertThat(Punycode.encode("-> $1.00 <-")).hasValue("-> $1.00 <--");
        assertThat(Punycode.decode("ihqwcrb4cv8a8dqg056pqjye")).hasValue("他们为什么不说中文");
    }

    @Test
    void brokenPunycodeIsRefused() {
        assertThat(Punycode.decode("a-b-c-!")).isEmpty();
        assertThat(Punycode.decode("99999999999")).isEmpty();
        assertThat(Punycode.decode("ü-x")).isEmpty();
    }

    private static List<String> python(String mode, List<String> lines) throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            fail(PYTHON + " is missing: install the Debian packages python3 and python3-idna");
        }
        Path script = Path.of(IdnaPeerTest.class.getResource("/validation/idnacheck.py").toURI());
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), mode).redirectErrorStream(true).start();
        p.getOutputStream().write(String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("idnacheck.py did not finish");
        }
        if (p.exitValue() != 0) {
            fail("idnacheck.py failed: " + out.strip());
        }
        List<String> result = new ArrayList<>(List.of(out.split("\n")));
        assertThat(result).hasSize(lines.size());
        return result;
    }
}
