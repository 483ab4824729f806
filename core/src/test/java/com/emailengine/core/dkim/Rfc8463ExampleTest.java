package com.emailengine.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of RFC 8463 Appendix A: one message signed by football.example.com with
 * Ed25519 (selector brisbane) and RSA (selector test), the keys, and the DNS records. Ed25519
 * is deterministic, so our code must reproduce the published signature bit for bit.
 */
class Rfc8463ExampleTest {

    /** A.1: the Ed25519 private key (the RFC 8032 §7.1 TEST 1 seed), base64. */
    static final String ED25519_SECRET = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";
    /** A.2: the DNS records. */
    static final String ED25519_RECORD = "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    static final String RSA_RECORD = "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWR"
            + "iGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutAC"
            + "DfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3"
            + "Ip3G+2kryOTIKT+l/K4w3QIDAQAB";
    static final Map<String, String> DNS = Map.of(
            "brisbane._domainkey.football.example.com", ED25519_RECORD,
            "test._domainkey.football.example.com", RSA_RECORD);
    static final String ED25519_B = "/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus"
            + "Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==";

    /** A.3: the signed message. */
    static final byte[] SIGNED = TestMessages.crlf(
            "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;",
            " d=football.example.com; i=@football.example.com;",
            " q=dns/txt; s=brisbane; t=1528637909; h=from : to :",
            " subject : date : message-id : from : subject : date;",
            " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;",
            " b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus",
            " Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==",
            "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;",
            " d=football.example.com; i=@football.example.com;",
            " q=dns/txt; s=test; t=1528637909; h=from : to : subject :",
            " date : message-id : from : subject : date;",
            " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;",
            " b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3",
            " DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz",
            " dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=",
            "From: Joe SixPack <joe@football.example.com>",
            "To: Suzie Q <suzie@shopping.example.net>",
            "Subject: Is dinner ready?",
            "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)",
            "Message-ID: <20030712040037.46341.5F8J@football.example.com>",
            "",
            "Hi.",
            "",
            "We lost the game.  Are you hungry yet?",
            "",
            "Joe.");

    private static final Clock JUNE_2018 = Clock.fixed(Instant.ofEpochSecond(1528637909L + 60), ZoneOffset.UTC);

    static PrivateKey ed25519PrivateKey() throws Exception {
        return KeyFactory.getInstance("Ed25519").generatePrivate(
                new EdECPrivateKeySpec(NamedParameterSpec.ED25519, Base64.getDecoder().decode(ED25519_SECRET)));
    }

    private static DkimVerifier verifier() {
        return new DkimVerifier((s, d) -> Optional.ofNullable(DNS.get(s + "._domainkey." + d)), JUNE_2018);
    }

    @Test
    void verifiesBothPublishedSignatures() {
        List<DkimVerification> results = verifier().verify(SIGNED);

        assertThat(results).extracting(DkimVerification::selector, DkimVerification::algorithm, DkimVerification::verdict)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("brisbane", "ed25519-sha256", DkimVerdict.PASS),
                        org.assertj.core.groups.Tuple.tuple("test", "rsa-sha256", DkimVerdict.PASS));
    }

    @Test
    void dkimpyAlsoVerifiesOurTranscriptionOfTheExample(@TempDir Path work) throws Exception {
        try (PythonDkim python = new PythonDkim(work)) {
            assertThat(python.verify(SIGNED, DNS)).extracting(PythonDkim.Verification::pass).containsExactly(true, true);
        }
    }

    @Test
    void rejectsBothSignaturesOnceTheBodyChanges() {
        byte[] tampered = TestMessages.replaceFirst(SIGNED, "hungry", "angry!");

        assertThat(verifier().verify(tampered)).extracting(DkimVerification::verdict)
                .containsExactly(DkimVerdict.BODY_HASH_MISMATCH, DkimVerdict.BODY_HASH_MISMATCH);
    }

    @Test
    void keyFromThePublishedSecretYieldsThePublishedKeyRecord() throws Exception {
        DkimKey key = DkimKey.of("football.example.com", "brisbane", DkimAlgorithm.ED25519_SHA256, ed25519PrivateKey());

        assertThat(key.dnsName()).isEqualTo("brisbane._domainkey.football.example.com");
        assertThat(key.dnsTxtValue()).isEqualTo(ED25519_RECORD);
    }

    @Test
    void reproducesThePublishedEd25519SignatureAndBodyHash() throws Exception {
        RawMessage message = RawMessage.parse(SIGNED);
        RawMessage.HeaderField signatureField = message.fields.get(0);
        String value = new String(SIGNED, signatureField.colon() + 1, signatureField.end() - signatureField.colon() - 1,
                StandardCharsets.ISO_8859_1);
        TagList tags = TagList.parse(value);
        List<String> signedNames = new ArrayList<>();
        for (String name : TagList.withoutWhitespace(tags.value("h").orElseThrow()).split(":")) {
            signedNames.add(name);
        }

        BodyHasher body = new BodyHasher(-1);
        DkimCanonicalization.RELAXED.body(SIGNED, message.bodyStart, SIGNED.length, body);
        assertThat(Base64.getEncoder().encodeToString(body.finish())).isEqualTo("2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=");

        // The same steps the signer takes: signed fields, then its own field up to "b=", relaxed, then sign.
        OctetBuffer input = new OctetBuffer(1024);
        SignedFields.append(message, signedNames, DkimCanonicalization.RELAXED, input);
        byte[] withoutB = DkimVerifier.withEmptyB(SIGNED, signatureField, tags.tag("b").orElseThrow());
        DkimCanonicalization.RELAXED.header(withoutB, 0, signatureField.colon() - signatureField.start(), withoutB.length, input, false);
        assertThat(input.toString()).endsWith("dkim-signature:v=1; a=ed25519-sha256; c=relaxed/relaxed; d=football.example.com;"
                + " i=@football.example.com; q=dns/txt; s=brisbane; t=1528637909; h=from : to : subject : date : message-id :"
                + " from : subject : date; bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=; b=");

        byte[] signature = DkimAlgorithm.ED25519_SHA256.sign(ed25519PrivateKey(), input.array(), 0, input.length());

        assertThat(Base64.getEncoder().encodeToString(signature)).isEqualTo(ED25519_B);
    }

    @Test
    void ourSignerWithThePublishedKeySignsTheExampleVerifiably() throws Exception {
        DkimKey key = DkimKey.of("football.example.com", "brisbane", DkimAlgorithm.ED25519_SHA256, ed25519PrivateKey());
        String unsigned = new String(SIGNED, StandardCharsets.ISO_8859_1);
        byte[] message = unsigned.substring(unsigned.indexOf("From: Joe")).getBytes(StandardCharsets.ISO_8859_1);

        byte[] signed = new DkimSigner(List.of(key), JUNE_2018).sign(message);

        assertThat(verifier().verify(signed)).singleElement().extracting(DkimVerification::verdict).isEqualTo(DkimVerdict.PASS);
        assertThat(new String(signed, StandardCharsets.US_ASCII).replace("\r\n ", ""))
                .contains("bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;")
                .contains("h=from:from:to:subject:date:message-id;");
    }
}
