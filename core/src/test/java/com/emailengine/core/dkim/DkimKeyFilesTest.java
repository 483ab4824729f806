package com.emailengine.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DkimKeyFilesTest {

    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    @TempDir
    Path dir;

    @Test
    void roundTripsBothAlgorithmsThroughText() {
        for (DkimAlgorithm algorithm : DkimAlgorithm.values()) {
            DkimKey key = DkimKey.generate("example.com", "s-" + algorithm.keyType(), algorithm);

            String pem = DkimKeyFiles.toPem(key);
            DkimKey read = DkimKeyFiles.fromPem(pem);

            assertThat(pem).startsWith("DKIM-Domain: example.com\nDKIM-Selector: s-" + algorithm.keyType()
                    + "\nDKIM-Algorithm: " + algorithm.tag() + "\n-----BEGIN PRIVATE KEY-----\n");
            assertThat(read).isEqualTo(key);
            assertThat(read.dnsTxtValue()).isEqualTo(key.dnsTxtValue());
        }
    }

    @Test
    void readsASecretValueWithCrlfLineEndsAndBlankLines() {
        DkimKey key = DkimKey.generate("example.com", "e", DkimAlgorithm.ED25519_SHA256);
        String pasted = "\r\n" + DkimKeyFiles.toPem(key).replace("\n", "\r\n") + "\r\n\r\n";

        assertThat(DkimKeyFiles.fromPem(pasted)).isEqualTo(key);
    }

    @Test
    void writesOwnerOnlyFilesNamedAfterTheKeyAndReadsThemAllBack() throws IOException {
        DkimKey rsa = DkimKey.generate("example.com", "r1", DkimAlgorithm.RSA_SHA256);
        DkimKey ed = DkimKey.generate("example.com", "e1", DkimAlgorithm.ED25519_SHA256);

        Path rsaFile = DkimKeyFiles.write(rsa, dir.resolve("keys"));
        DkimKeyFiles.write(ed, dir.resolve("keys"));

        assertThat(rsaFile.getFileName()).hasToString("r1._domainkey.example.com.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rsaFile))).isEqualTo("rw-------");
        assertThat(DkimKeyFiles.readAll(dir.resolve("keys"))).containsExactly(ed, rsa);
        assertThat(DkimKeyFiles.readAll(dir.resolve("absent"))).isEmpty();
        try (var files = Files.list(dir.resolve("keys"))) {
            assertThat(files).hasSize(2);
        }
    }

    @Test
    void explainsWhatIsWrongWithABadFile() {
        DkimKey key = DkimKey.generate("example.com", "e", DkimAlgorithm.ED25519_SHA256);
        String pem = DkimKeyFiles.toPem(key);

        assertThatThrownBy(() -> DkimKeyFiles.fromPem(pem.replace("DKIM-Selector: e\n", "")))
                .hasMessageContaining("missing 'DKIM-Selector:'");
        assertThatThrownBy(() -> DkimKeyFiles.fromPem(pem.replace("ed25519-sha256", "rsa-sha256")))
                .hasMessageContaining("does not hold a rsa-sha256 key");
        assertThatThrownBy(() -> DkimKeyFiles.fromPem(pem.replace("-----END PRIVATE KEY-----\n", "")))
                .hasMessageContaining("no complete");
        assertThatThrownBy(() -> DkimKeyFiles.fromPem(pem.replace("DKIM-Algorithm: ed25519-sha256", "DKIM-Algorithm: rsa-sha1")))
                .hasMessageContaining("'rsa-sha1' is not");
        Path file = dir.resolve("broken.pem");
        assertThatThrownBy(() -> {
            Files.writeString(file, "hello");
            DkimKeyFiles.read(file);
        }).hasMessageContaining("broken.pem");
    }

    /** OpenSSL, an independent PEM reader, accepts our files and derives the same public key. */
    @Test
    void opensslReadsOurFilesAndDerivesThePublishedKey() throws Exception {
        assumeThat(Files.isExecutable(OPENSSL)).as("needs the Debian package openssl").isTrue();
        for (DkimAlgorithm algorithm : DkimAlgorithm.values()) {
            DkimKey key = DkimKey.generate("example.com", "o-" + algorithm.keyType(), algorithm);
            Path file = DkimKeyFiles.write(key, dir);

            byte[] spki = run(OPENSSL.toString(), "pkey", "-in", file.toString(), "-pubout", "-outform", "DER");

            assertThat(spki).isEqualTo(key.publicKey().getEncoded());
        }
    }

    /** A traditional "BEGIN RSA PRIVATE KEY" file, as PowerMTA and OpenDKIM keep them, reads too. */
    @Test
    void readsAPkcs1RsaKeyMadeByOpenssl() throws Exception {
        assumeThat(Files.isExecutable(OPENSSL)).as("needs the Debian package openssl").isTrue();
        Path pkcs1 = dir.resolve("legacy.key");
        run(OPENSSL.toString(), "genrsa", "-traditional", "-out", pkcs1.toString(), "2048");
        String legacy = Files.readString(pkcs1);
        assertThat(legacy).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        byte[] spki = run(OPENSSL.toString(), "rsa", "-in", pkcs1.toString(), "-pubout", "-outform", "DER");

        DkimKey key = DkimKeyFiles.fromPem("DKIM-Domain: example.com\nDKIM-Selector: pmta\nDKIM-Algorithm: rsa-sha256\n" + legacy);

        assertThat(key.dnsTxtValue()).isEqualTo("v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(spki));
    }

    private byte[] run(String... command) throws Exception {
        Path err = Files.createTempFile(dir, "openssl", ".err");
        Process p = new ProcessBuilder(List.of(command)).redirectError(err.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(err, StandardCharsets.UTF_8)).isZero();
        return out;
    }
}
