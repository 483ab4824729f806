package com.emailengine.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DkimSignerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

    static DkimKey rsa;
    static DkimKey ed25519;
    static DkimVerifier verifier;

    @BeforeAll
    static void keys() {
        rsa = DkimKey.generate("mail.example.com", "r2025", DkimAlgorithm.RSA_SHA256);
        ed25519 = DkimKey.generate("mail.example.com", "e2025", DkimAlgorithm.ED25519_SHA256);
        Map<String, String> dns = Map.of(rsa.dnsName(), rsa.dnsTxtValue(), ed25519.dnsName(), ed25519.dnsTxtValue());
        verifier = new DkimVerifier((s, d) -> Optional.ofNullable(dns.get(s + "._domainkey." + d)), CLOCK);
    }

    private static DkimSigner dual() {
        return new DkimSigner(List.of(rsa, ed25519), CLOCK);
    }

    /** The DKIM-Signature fields of a signed message, unfolded, as tag lists. */
    private static List<TagList> signatures(byte[] signed) throws TagList.SyntaxException {
        List<TagList> out = new ArrayList<>();
        RawMessage m = RawMessage.parse(signed);
        for (RawMessage.HeaderField f : m.fields) {
            if (f.lowerName().equals("dkim-signature")) {
                out.add(TagList.parse(new String(signed, f.colon() + 1, f.end() - f.colon() - 1, StandardCharsets.ISO_8859_1)));
            }
        }
        return out;
    }

    @Test
    void prependsOneSignaturePerKeyInKeyOrderAndLeavesTheMessageUntouched() throws Exception {
        byte[] message = TestMessages.plainAscii();

        byte[] signed = dual().sign(message);

        assertThat(Arrays.copyOfRange(signed, signed.length - message.length, signed.length)).isEqualTo(message);
        assertThat(new String(signed, StandardCharsets.US_ASCII)).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;");
        assertThat(signatures(signed)).extracting(t -> t.value("s").orElseThrow(), t -> t.value("a").orElseThrow(), t -> t.value("d").orElseThrow())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("r2025", "rsa-sha256", "mail.example.com"),
                        org.assertj.core.groups.Tuple.tuple("e2025", "ed25519-sha256", "mail.example.com"));
        assertThat(verifier.verify(signed)).extracting(DkimVerification::verdict).containsOnly(DkimVerdict.PASS);
    }

    @Test
    void signatureFieldsAreExactlyWhatSignPrepends() {
        byte[] message = TestMessages.plainAscii();
        DkimSigner ed = new DkimSigner(List.of(ed25519), CLOCK); // Ed25519 is deterministic, so two calls agree

        byte[] fields = ed.signatureFields(message);

        assertThat(ed.sign(message)).startsWith(fields).hasSize(fields.length + message.length);
    }

    @Test
    void listsThePresentDefaultFieldsOncePerInstanceWithFromOverSigned() throws Exception {
        byte[] message = TestMessages.crlf(
                "Received: from relay by mx; Tue, 4 Mar 2025 10:00:00 +0000",
                "From: a@mail.example.com",
                "To: b@example.net",
                "Subject: s",
                "Date: Tue, 04 Mar 2025 10:15:00 +0000",
                "Message-ID: <1@mail.example.com>",
                "X-Mailer: ignored",
                "List-Unsubscribe: <https://u.example.com/1>",
                "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
                "Feedback-ID: c1:t1:ee",
                "",
                "b");

        TagList tags = signatures(dual().sign(message)).get(0);

        assertThat(TagList.withoutWhitespace(tags.value("h").orElseThrow()))
                .isEqualTo("from:from:to:subject:date:message-id:list-unsubscribe:list-unsubscribe-post:feedback-id");
    }

    @Test
    void repeatedFieldsAreListedOncePerInstanceAndAnAddedBottomInstanceBreaksTheSignature() throws Exception {
        DkimSigningPolicy policy = new DkimSigningPolicy(List.of("from", "x-campaign"), Set.of(), Optional.empty());
        byte[] message = TestMessages.crlf("From: a@mail.example.com", "X-Campaign: one", "X-Campaign: two", "", "b");

        byte[] signed = new DkimSigner(List.of(rsa), policy, CLOCK).sign(message);

        assertThat(TagList.withoutWhitespace(signatures(signed).get(0).value("h").orElseThrow())).isEqualTo("from:from:x-campaign:x-campaign");
        assertThat(verifier.verify(signed)).extracting(DkimVerification::verdict).containsExactly(DkimVerdict.PASS);
        byte[] added = TestMessages.replaceFirst(signed, "X-Campaign: two", "X-Campaign: two\r\nX-Campaign: three");
        assertThat(verifier.verify(added)).extracting(DkimVerification::verdict).containsExactly(DkimVerdict.SIGNATURE_MISMATCH);
    }

    @Test
    void oversignedFieldsBreakTheSignatureWhenAnInstanceIsAddedAnywhere() {
        DkimSigningPolicy policy = new DkimSigningPolicy(List.of("from", "subject"), Set.of("subject"), Optional.empty());
        byte[] signed = new DkimSigner(List.of(ed25519), policy, CLOCK).sign(TestMessages.plainAscii());

        byte[] extraSubject = TestMessages.replaceFirst(signed, "From: Alice", "Subject: Urgent!\r\nFrom: Alice");

        assertThat(verifier.verify(signed)).extracting(DkimVerification::verdict).containsExactly(DkimVerdict.PASS);
        assertThat(verifier.verify(extraSubject)).extracting(DkimVerification::verdict).containsExactly(DkimVerdict.SIGNATURE_MISMATCH);
    }

    @Test
    void takesTFromTheClockAndXFromTheLifetime() throws Exception {
        byte[] message = TestMessages.plainAscii();

        TagList plain = signatures(dual().sign(message)).get(0);
        TagList expiring = signatures(new DkimSigner(List.of(rsa), DkimSigningPolicy.DEFAULT.expiringAfter(Duration.ofDays(4)), CLOCK)
                .sign(message)).get(0);

        assertThat(plain.value("t")).contains("1700000000");
        assertThat(plain.has("x")).isFalse();
        assertThat(expiring.value("t")).contains("1700000000");
        assertThat(expiring.value("x")).contains(String.valueOf(1_700_000_000L + 4 * 86_400));
    }

    @Test
    void foldsTheFieldAtSeventyEightColumns() {
        byte[] message = TestMessages.longFoldedHeaders();

        String fields = new String(dual().signatureFields(message), StandardCharsets.US_ASCII);

        assertThat(fields).endsWith("\r\n");
        List<String> lines = List.of(fields.split("\r\n"));
        assertThat(lines).hasSizeGreaterThan(4).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        assertThat(lines).filteredOn(l -> !l.startsWith("DKIM-Signature:")).allSatisfy(l -> assertThat(l).startsWith(" "));
        assertThat(lines).filteredOn(l -> l.startsWith(" b=")).hasSize(2);
    }

    @Test
    void hashesAnEmptyBodyAsRelaxedEmpty() throws Exception {
        byte[] headersOnly = "From: a@mail.example.com\r\nSubject: nothing\r\n".getBytes(StandardCharsets.US_ASCII);

        byte[] signed = dual().sign(headersOnly);

        assertThat(signatures(signed).get(0).value("bh")).contains("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
        assertThat(verifier.verify(signed)).extracting(DkimVerification::verdict).containsOnly(DkimVerdict.PASS);
    }

    @Test
    void refusesBareLineFeedsAndBareCarriageReturns() {
        byte[] lf = "From: a@mail.example.com\r\nSubject: x\r\n\r\nline one\nline two\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] cr = "From: a@mail.example.com\r\nSubject: x\rmore\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> dual().sign(lf)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("bare LF at offset 48");
        assertThatThrownBy(() -> dual().sign(cr)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("bare CR");
    }

    /** jakarta.mail writes a 7bit text part's line ends as given: text built with "\n" must be refused, not signed. */
    @Test
    void refusesJakartaMailOutputWhoseTextPartKeptBareLineFeeds() throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom("a@mail.example.com");
        m.setText("line one\nline two\n");
        m.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);

        assertThatThrownBy(() -> dual().sign(out.toByteArray())).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("bare LF");
    }

    @Test
    void refusesAMessageWithoutExactlyOneFrom() {
        byte[] none = TestMessages.crlf("To: b@example.net", "Subject: x", "", "b");
        byte[] two = TestMessages.crlf("From: a@mail.example.com", "From: c@mail.example.com", "", "b");

        assertThatThrownBy(() -> dual().sign(none)).isInstanceOf(MalformedMessageException.class).hasMessageContaining("no From");
        assertThatThrownBy(() -> dual().sign(two)).isInstanceOf(MalformedMessageException.class).hasMessageContaining("2 From");
    }

    @Test
    void refusesMalformedHeaderLines() {
        byte[] noColon = TestMessages.crlf("From: a@mail.example.com", "this is not a header", "", "b");
        byte[] leadingFold = TestMessages.crlf(" folded: first", "From: a@mail.example.com", "", "b");

        assertThatThrownBy(() -> dual().sign(noColon)).isInstanceOf(MalformedMessageException.class).hasMessageContaining("without a colon");
        assertThatThrownBy(() -> dual().sign(leadingFold)).isInstanceOf(MalformedMessageException.class).hasMessageContaining("continuation");
    }

    @Test
    void refusesAnInvalidConfiguration() {
        assertThatThrownBy(() -> new DkimSigner(List.of(), CLOCK)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new DkimSigner(List.of(rsa, rsa), CLOCK)).hasMessageContaining("twice");
        assertThatThrownBy(() -> new DkimSigningPolicy(List.of("subject"), Set.of(), Optional.empty())).hasMessageContaining("From");
        assertThatThrownBy(() -> new DkimSigningPolicy(List.of("from"), Set.of("subject"), Optional.empty())).hasMessageContaining("subject");
        assertThatThrownBy(() -> DkimSigningPolicy.DEFAULT.expiringAfter(Duration.ZERO)).hasMessageContaining("lifetime");
    }

    @Test
    void oneSignerServesManyThreadsAtOnce() throws Exception {
        DkimSigner signer = dual();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> futures = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                byte[] message = TestMessages.replaceFirst(TestMessages.plainAscii(), "Quarterly numbers", "Quarterly numbers #" + i);
                futures.add(pool.submit(() -> signer.sign(message)));
            }
            for (int i = 0; i < futures.size(); i++) {
                byte[] signed = futures.get(i).get();
                assertThat(new String(signed, StandardCharsets.US_ASCII)).contains("Quarterly numbers #" + i + "\r\n");
                assertThat(verifier.verify(signed)).extracting(DkimVerification::verdict).containsExactly(DkimVerdict.PASS, DkimVerdict.PASS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
