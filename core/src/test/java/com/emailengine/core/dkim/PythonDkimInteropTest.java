package com.emailengine.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our signer and verifier against Debian's python3-dkim, an implementation we did not write:
 * what we sign it accepts, what it signs we accept, and both reject the same tampering.
 */
class PythonDkimInteropTest {

    @TempDir
    static Path work;

    static PythonDkim python;
    static DkimKey rsa;
    static DkimKey ed25519;
    static Map<String, String> dns;

    @AfterAll
    static void stopPeer() {
        python.close();
    }

    @BeforeAll
    static void keysAndPeer() {
        python = new PythonDkim(work);
        rsa = DkimKey.generate("mail.example.com", "ee-rsa", DkimAlgorithm.RSA_SHA256);
        ed25519 = DkimKey.generate("mail.example.com", "ee-ed", DkimAlgorithm.ED25519_SHA256);
        dns = Map.of(rsa.dnsName(), rsa.dnsTxtValue(), ed25519.dnsName(), ed25519.dnsTxtValue());
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                message("plain ASCII", TestMessages::plainAscii, "Subject: Quarterly"),
                message("UTF-8 subject (RFC 2047) via jakarta.mail", TestMessages::utf8SubjectViaJakartaMail, "Subject: =?UTF-8?"),
                message("multipart/alternative via jakarta.mail", TestMessages::multipartAlternativeViaJakartaMail, "Subject: Your"),
                message("long folded headers", TestMessages::longFoldedHeaders, "Subject: A subject"),
                message("trailing blank lines and spaces", TestMessages::trailingBlankLinesAndSpaces, "Subject: white"));
    }

    private static Arguments message(String name, Supplier<byte[]> message, String subjectPrefix) {
        return Arguments.of(Named.of(name, message.get()), subjectPrefix);
    }

    private DkimSigner dualSigner() {
        return new DkimSigner(List.of(rsa, ed25519), DkimSigningPolicy.DEFAULT.expiringAfter(Duration.ofDays(7)), Clock.systemUTC());
    }

    private DkimVerifier ourVerifier() {
        return new DkimVerifier((s, d) -> java.util.Optional.ofNullable(dns.get(s + "._domainkey." + d)), Clock.systemUTC());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void pythonDkimAcceptsBothOfOurSignatures(byte[] message, String subjectPrefix) {
        byte[] signed = dualSigner().sign(message);

        List<PythonDkim.Verification> theirs = python.verify(signed, dns);
        assertThat(theirs).hasSize(2).allSatisfy(v -> assertThat(v.pass()).as(v.error()).isTrue());
        assertThat(ourVerifier().verify(signed)).extracting(DkimVerification::verdict)
                .containsExactly(DkimVerdict.PASS, DkimVerdict.PASS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void bothVerifiersRejectAChangedBodyByte(byte[] message, String subjectPrefix) {
        byte[] tampered = TestMessages.withBodyByteChanged(dualSigner().sign(message));

        assertThat(python.verify(tampered, dns)).hasSize(2).noneMatch(PythonDkim.Verification::pass);
        assertThat(ourVerifier().verify(tampered)).extracting(DkimVerification::verdict)
                .containsExactly(DkimVerdict.BODY_HASH_MISMATCH, DkimVerdict.BODY_HASH_MISMATCH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void bothVerifiersRejectAChangedSignedHeader(byte[] message, String subjectPrefix) {
        byte[] tampered = TestMessages.replaceFirst(dualSigner().sign(message), subjectPrefix, subjectPrefix + "X");

        assertThat(python.verify(tampered, dns)).hasSize(2).noneMatch(PythonDkim.Verification::pass);
        assertThat(ourVerifier().verify(tampered)).extracting(DkimVerification::verdict)
                .containsExactly(DkimVerdict.SIGNATURE_MISMATCH, DkimVerdict.SIGNATURE_MISMATCH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void bothVerifiersRejectASecondFromAddedAfterSigning(byte[] message, String subjectPrefix) {
        byte[] signatures = dualSigner().signatureFields(message);
        byte[] tampered = concat(signatures, "From: mallory@evil.example\r\n".getBytes(StandardCharsets.US_ASCII), message);

        assertThat(python.verify(tampered, dns)).hasSize(2).noneMatch(PythonDkim.Verification::pass);
        assertThat(ourVerifier().verify(tampered)).extracting(DkimVerification::verdict)
                .containsExactly(DkimVerdict.SIGNATURE_MISMATCH, DkimVerdict.SIGNATURE_MISMATCH);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static Stream<Arguments> pythonSignings() {
        return Stream.of("relaxed/relaxed", "relaxed/simple", "simple/simple", "simple/relaxed")
                .flatMap(c -> Stream.of(Arguments.of(DkimAlgorithm.RSA_SHA256, c), Arguments.of(DkimAlgorithm.ED25519_SHA256, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pythonSignings")
    void weVerifyWhatPythonDkimSigns(DkimAlgorithm algorithm, String canonicalization) {
        DkimKey key = algorithm == DkimAlgorithm.RSA_SHA256 ? rsa : ed25519;
        for (byte[] message : List.of(TestMessages.plainAscii(), TestMessages.longFoldedHeaders(),
                TestMessages.trailingBlankLinesAndSpaces(), TestMessages.multipartAlternativeViaJakartaMail())) {
            byte[] signed = python.sign(message, key, canonicalization);

            assertThat(python.verify(signed, dns)).singleElement().satisfies(v -> assertThat(v.pass()).as(v.error()).isTrue());
            assertThat(ourVerifier().verify(signed)).singleElement().satisfies(v -> {
                assertThat(v.verdict()).as(v.detail()).isEqualTo(DkimVerdict.PASS);
                assertThat(v.algorithm()).isEqualTo(algorithm.tag());
                assertThat(v.selector()).isEqualTo(key.selector());
            });

            byte[] tamperedBody = TestMessages.withBodyByteChanged(signed);
            assertThat(python.verify(tamperedBody, dns)).singleElement().satisfies(v -> assertThat(v.pass()).isFalse());
            assertThat(ourVerifier().verify(tamperedBody)).singleElement()
                    .extracting(DkimVerification::verdict).isEqualTo(DkimVerdict.BODY_HASH_MISMATCH);

            byte[] tamperedFrom = TestMessages.replaceFirst(signed, "\r\nFrom:", "\r\nFrom: x");
            assertThat(python.verify(tamperedFrom, dns)).singleElement().satisfies(v -> assertThat(v.pass()).isFalse());
            assertThat(ourVerifier().verify(tamperedFrom)).singleElement()
                    .extracting(DkimVerification::verdict).isEqualTo(DkimVerdict.SIGNATURE_MISMATCH);
        }
    }
}
