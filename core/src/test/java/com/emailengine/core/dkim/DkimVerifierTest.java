package com.emailengine.core.dkim;

import static com.emailengine.core.dkim.DkimCanonicalization.RELAXED;
import static com.emailengine.core.dkim.DkimCanonicalization.SIMPLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DkimVerifierTest {

    private static final Instant NOW = Instant.parse("2025-03-04T10:15:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final List<String> H = List.of("from", "to", "subject");

    static DkimKey rsa;
    static DkimKey ed25519;

    private final Map<String, String> dns = new HashMap<>();

    @BeforeAll
    static void keys() {
        rsa = DkimKey.generate("example.com", "r1", DkimAlgorithm.RSA_SHA256);
        ed25519 = DkimKey.generate("example.com", "e1", DkimAlgorithm.ED25519_SHA256);
    }

    @BeforeEach
    void publishKeys() {
        dns.put(rsa.dnsName(), rsa.dnsTxtValue());
        dns.put(ed25519.dnsName(), ed25519.dnsTxtValue());
    }

    private DkimVerifier verifier() {
        return new DkimVerifier((s, d) -> Optional.ofNullable(dns.get(s + "._domainkey." + d)), CLOCK);
    }

    private DkimVerification only(byte[] message) {
        List<DkimVerification> results = verifier().verify(message);
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    private static byte[] message() {
        return TestMessages.crlf("From: a@example.com", "To: b@example.net", "Subject: hello", "", "Body line.", "");
    }

    private static byte[] handMade(DkimKey key, String tags) {
        return HandMadeSignature.sign(message(), key, "DKIM-Signature: " + tags, H, RELAXED, RELAXED, -1);
    }

    private static String standardTags(DkimKey key) {
        return "v=1; a=" + key.algorithm().tag() + "; c=relaxed/relaxed; d=example.com; s=" + key.selector()
                + "; h=from:to:subject; bh={bh}; b=";
    }

    @Test
    void passesAWellFormedSignatureOfEitherAlgorithm() {
        for (DkimKey key : List.of(rsa, ed25519)) {
            DkimVerification v = only(handMade(key, standardTags(key)));
            assertThat(v.verdict()).as(v.detail()).isEqualTo(DkimVerdict.PASS);
            assertThat(v).extracting(DkimVerification::domain, DkimVerification::selector, DkimVerification::algorithm)
                    .containsExactly("example.com", key.selector(), key.algorithm().tag());
        }
    }

    @Test
    void toleratesFoldingWhitespaceAroundTagsEqualsSignsAndInsideValues() {
        String tags = "v = 1 ;\r\n\ta=rsa-sha256;  c = relaxed/relaxed ;\r\n d=example.com; s=r1;\r\n"
                + " h = from : to\r\n : subject ; bh = {bh} ;\r\n b=";
        DkimVerification v = only(handMade(rsa, tags));
        assertThat(v.verdict()).as(v.detail()).isEqualTo(DkimVerdict.PASS);
    }

    @Test
    void verifiesSimpleCanonicalizationAndIsStrictAboutIt() {
        String tags = "v=1; a=rsa-sha256; c=simple/simple; d=example.com; s=r1; h=from:to:subject; bh={bh}; b=";
        byte[] signed = HandMadeSignature.sign(message(), rsa, "DKIM-Signature: " + tags, H, SIMPLE, SIMPLE, -1);
        assertThat(only(signed).verdict()).isEqualTo(DkimVerdict.PASS);

        byte[] respaced = TestMessages.replaceFirst(signed, "Subject: hello", "Subject:  hello");
        assertThat(only(respaced).verdict()).isEqualTo(DkimVerdict.SIGNATURE_MISMATCH);
        byte[] respacedUnderRelaxed = TestMessages.replaceFirst(handMade(rsa, standardTags(rsa)), "Subject: hello", "Subject:  hello");
        assertThat(only(respacedUnderRelaxed).verdict()).isEqualTo(DkimVerdict.PASS);
    }

    @Test
    void cDefaultsToSimpleForAnOmittedBodyAlgorithm() {
        String tags = "v=1; a=rsa-sha256; c=relaxed; d=example.com; s=r1; h=from:to:subject; bh={bh}; b=";
        byte[] signed = HandMadeSignature.sign(message(), rsa, "DKIM-Signature: " + tags, H, RELAXED, SIMPLE, -1);
        assertThat(only(signed).verdict()).isEqualTo(DkimVerdict.PASS);
    }

    @Test
    void honoursABodyLengthLimitAndRejectsOneLongerThanTheBody() {
        String tags = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=r1; l=6; h=from:to:subject; bh={bh}; b=";
        byte[] signed = HandMadeSignature.sign(message(), rsa, "DKIM-Signature: " + tags, H, RELAXED, RELAXED, 6);
        byte[] appended = TestMessages.replaceFirst(signed, "Body line.", "Body line.\r\nAppended by a list");
        assertThat(only(appended).verdict()).isEqualTo(DkimVerdict.PASS);

        String tooLong = tags.replace("l=6", "l=600");
        byte[] overlong = HandMadeSignature.sign(message(), rsa, "DKIM-Signature: " + tooLong, H, RELAXED, RELAXED, 600);
        assertThat(only(overlong).verdict()).isEqualTo(DkimVerdict.BODY_HASH_MISMATCH);
    }

    @Test
    void reportsKeyNotFound() {
        dns.remove(rsa.dnsName());
        assertThat(only(handMade(rsa, standardTags(rsa))).verdict()).isEqualTo(DkimVerdict.KEY_NOT_FOUND);
    }

    @Test
    void reportsATemporaryLookupFailureAsKeyUnavailable() {
        DkimVerifier failing = new DkimVerifier((s, d) -> {
            throw new java.io.UncheckedIOException(new java.net.SocketTimeoutException("DNS timeout"));
        }, CLOCK);
        assertThat(failing.verify(handMade(rsa, standardTags(rsa)))).singleElement()
                .extracting(DkimVerification::verdict).isEqualTo(DkimVerdict.KEY_UNAVAILABLE);
    }

    @Test
    void reportsARevokedKey() {
        dns.put(rsa.dnsName(), "v=DKIM1; k=rsa; p=");
        assertThat(only(handMade(rsa, standardTags(rsa))).verdict()).isEqualTo(DkimVerdict.KEY_REVOKED);
    }

    @Test
    void reportsAnUnusableKeyRecord() {
        dns.put(rsa.dnsName(), "v=DKIM1; k=rsa; p=bm90IGEga2V5");
        assertThat(only(handMade(rsa, standardTags(rsa))).verdict()).isEqualTo(DkimVerdict.KEY_SYNTAX);
        dns.put(rsa.dnsName(), "v=DKIM1; k=rsa p=");
        assertThat(only(handMade(rsa, standardTags(rsa))).verdict()).isEqualTo(DkimVerdict.KEY_SYNTAX);
        dns.put(rsa.dnsName(), "v=DKIM2; k=rsa; p=" + rsa.dnsTxtValue().substring(rsa.dnsTxtValue().indexOf("p=") + 2));
        assertThat(only(handMade(rsa, standardTags(rsa))).verdict()).isEqualTo(DkimVerdict.KEY_SYNTAX);
    }

    @Test
    void reportsAKeyThatCannotServeTheSignature() {
        dns.put(rsa.dnsName(), ed25519.dnsTxtValue());
        assertThat(only(handMade(rsa, standardTags(rsa))).verdict()).isEqualTo(DkimVerdict.KEY_UNSUITABLE);
        dns.put(rsa.dnsName(), rsa.dnsTxtValue() + "; h=sha1");
        assertThat(only(handMade(rsa, standardTags(rsa))).verdict()).isEqualTo(DkimVerdict.KEY_UNSUITABLE);
        dns.put(rsa.dnsName(), rsa.dnsTxtValue() + "; s=tlsrpt");
        assertThat(only(handMade(rsa, standardTags(rsa))).verdict()).isEqualTo(DkimVerdict.KEY_UNSUITABLE);
        dns.put(rsa.dnsName(), "v=DKIM1; k=dsa; p=AAAA");
        assertThat(only(handMade(rsa, standardTags(rsa))).verdict()).isEqualTo(DkimVerdict.KEY_UNSUITABLE);
    }

    @Test
    void strictKeyFlagRefusesAnIdentityInASubdomain() {
        String tags = standardTags(rsa).replace("d=example.com;", "d=example.com; i=news@mail.example.com;");
        assertThat(only(handMade(rsa, tags)).verdict()).isEqualTo(DkimVerdict.PASS);
        dns.put(rsa.dnsName(), rsa.dnsTxtValue() + "; t=s");
        assertThat(only(handMade(rsa, tags)).verdict()).isEqualTo(DkimVerdict.KEY_UNSUITABLE);
    }

    @Test
    void reportsAnExpiredSignature() {
        long t = NOW.minus(Duration.ofDays(2)).getEpochSecond();
        String tags = standardTags(rsa).replace("s=r1;", "s=r1; t=" + t + "; x=" + (t + 3600) + ";");
        assertThat(only(handMade(rsa, tags)).verdict()).isEqualTo(DkimVerdict.EXPIRED);
        String valid = standardTags(rsa).replace("s=r1;", "s=r1; t=" + t + "; x=" + NOW.plusSeconds(60).getEpochSecond() + ";");
        assertThat(only(handMade(rsa, valid)).verdict()).isEqualTo(DkimVerdict.PASS);
    }

    @Test
    void refusesRsaSha1AsUnsupported() {
        String tags = standardTags(rsa).replace("a=rsa-sha256", "a=rsa-sha1");
        assertThat(only(handMade(rsa, tags)).verdict()).isEqualTo(DkimVerdict.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void reportsSyntaxErrorsInTheSignatureField() {
        Map<String, String> broken = Map.of(
                "missing bh", standardTags(rsa).replace(" bh={bh};", ""),
                "duplicate tag", standardTags(rsa).replace("d=example.com;", "d=example.com; d=example.com;"),
                "h without from", standardTags(rsa).replace("h=from:to:subject", "h=to:subject"),
                "i outside d", standardTags(rsa).replace("d=example.com;", "d=example.com; i=@example.org;"),
                "x before t", standardTags(rsa).replace("s=r1;", "s=r1; t=2000; x=1000;"),
                "v not 1", standardTags(rsa).replace("v=1", "v=2"),
                "unknown canonicalization", standardTags(rsa).replace("relaxed/relaxed", "relaxed/nowsp"),
                "tag without =", standardTags(rsa).replace("s=r1;", "s=r1; oops;"),
                "bh not base64", standardTags(rsa).replace("bh={bh}", "bh=!!!"));
        broken.forEach((what, tags) -> assertThat(only(handMade(rsa, tags)).verdict()).as(what).isEqualTo(DkimVerdict.SYNTAX));
    }

    @Test
    void reportsBodyAndSignatureMismatches() {
        byte[] signed = handMade(ed25519, standardTags(ed25519));
        assertThat(only(TestMessages.replaceFirst(signed, "Body line.", "Body line!")).verdict())
                .isEqualTo(DkimVerdict.BODY_HASH_MISMATCH);
        assertThat(only(TestMessages.replaceFirst(signed, "To: b@", "To: c@")).verdict())
                .isEqualTo(DkimVerdict.SIGNATURE_MISMATCH);

        DkimKey other = DkimKey.generate("example.com", "e1", DkimAlgorithm.ED25519_SHA256);
        dns.put(ed25519.dnsName(), other.dnsTxtValue());
        assertThat(only(signed).verdict()).isEqualTo(DkimVerdict.SIGNATURE_MISMATCH);
    }

    @Test
    void hashesRepeatedFieldsFromTheBottomUp() {
        byte[] message = TestMessages.crlf("From: a@example.com", "X-Tag: first", "X-Tag: second", "", "Body.");
        String tags = "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=r1; h=from:x-tag:x-tag; bh={bh}; b=";
        byte[] signed = HandMadeSignature.sign(message, rsa, tags, List.of("from", "x-tag", "x-tag"), RELAXED, RELAXED, -1);
        assertThat(only(signed).verdict()).isEqualTo(DkimVerdict.PASS);

        byte[] swapped = TestMessages.replaceFirst(TestMessages.replaceFirst(signed, "X-Tag: first", "X-Tag: tmp"), "X-Tag: second", "X-Tag: first");
        swapped = TestMessages.replaceFirst(swapped, "X-Tag: tmp", "X-Tag: second");
        assertThat(only(swapped).verdict()).isEqualTo(DkimVerdict.SIGNATURE_MISMATCH);

        byte[] extraAbove = TestMessages.replaceFirst(signed, "X-Tag: first", "X-Tag: added\r\nX-Tag: first");
        assertThat(only(extraAbove).verdict()).as("an unsigned extra instance above the signed ones is ignored").isEqualTo(DkimVerdict.PASS);
        byte[] extraBelow = TestMessages.replaceFirst(signed, "X-Tag: second", "X-Tag: second\r\nX-Tag: added");
        assertThat(only(extraBelow).verdict()).isEqualTo(DkimVerdict.SIGNATURE_MISMATCH);
    }

    @Test
    void returnsOneResultPerSignatureAndNoneForAnUnsignedMessage() {
        assertThat(verifier().verify(message())).isEmpty();
        byte[] twice = new DkimSigner(List.of(rsa, ed25519), CLOCK).sign(message());
        assertThat(verifier().verify(twice)).extracting(DkimVerification::selector, DkimVerification::verdict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r1", DkimVerdict.PASS), org.assertj.core.groups.Tuple.tuple("e1", DkimVerdict.PASS));
    }

    @Test
    void refusesAMessageWithBareLineFeeds() {
        byte[] lf = "From: a@example.com\nSubject: x\n\nbody\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> verifier().verify(lf)).isInstanceOf(MalformedMessageException.class).hasMessageContaining("bare LF");
    }
}
