package com.emailengine.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DkimKeyTest {

    @Test
    void rsaKeyRecordCarriesTheSubjectPublicKeyInfo() throws Exception {
        DkimKey key = DkimKey.generate("Example.COM.", "S2025", DkimAlgorithm.RSA_SHA256);

        assertThat(key.dnsName()).isEqualTo("s2025._domainkey.example.com");
        assertThat(key.dnsTxtValue()).startsWith("v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA");
        byte[] p = Base64.getDecoder().decode(key.dnsTxtValue().substring(key.dnsTxtValue().indexOf("p=") + 2));
        RSAPublicKey published = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(p));
        assertThat(published).isEqualTo(key.publicKey());
        assertThat(published.getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void ed25519KeyRecordCarriesTheRawThirtyTwoOctetKey() {
        DkimKey key = DkimKey.generate("example.com", "e1", DkimAlgorithm.ED25519_SHA256);

        String p = key.dnsTxtValue().substring("v=DKIM1; k=ed25519; p=".length());
        assertThat(key.dnsTxtValue()).startsWith("v=DKIM1; k=ed25519; p=");
        assertThat(Base64.getDecoder().decode(p)).hasSize(32);
        byte[] spki = key.publicKey().getEncoded();
        assertThat(Base64.getDecoder().decode(p)).isEqualTo(java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    }

    @Test
    void refusesKeysThatDoNotBelongTogetherOrToTheAlgorithm() {
        DkimKey a = DkimKey.generate("example.com", "a", DkimAlgorithm.ED25519_SHA256);
        DkimKey b = DkimKey.generate("example.com", "b", DkimAlgorithm.ED25519_SHA256);
        DkimKey r = DkimKey.generate("example.com", "r", DkimAlgorithm.RSA_SHA256);

        assertThatThrownBy(() -> new DkimKey("example.com", "x", DkimAlgorithm.ED25519_SHA256, a.privateKey(), b.publicKey()))
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> new DkimKey("example.com", "x", DkimAlgorithm.RSA_SHA256, a.privateKey(), a.publicKey()))
                .hasMessageContaining("expected an RSA key");
        assertThatThrownBy(() -> new DkimKey("example.com", "x", DkimAlgorithm.ED25519_SHA256, r.privateKey(), r.publicKey()))
                .hasMessageContaining("expected an Ed25519 key");
    }

    @Test
    void refusesRsaKeysBelow1024Bits() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(512);
        var pair = g.generateKeyPair();

        assertThatThrownBy(() -> new DkimKey("example.com", "x", DkimAlgorithm.RSA_SHA256, pair.getPrivate(), pair.getPublic()))
                .hasMessageContaining("512 bits is below 1024");
    }

    @Test
    void refusesBadDomainsAndSelectors() {
        var pair = DkimAlgorithm.ED25519_SHA256.generateKeyPair();
        assertThatThrownBy(() -> new DkimKey("exa_mple.com", "s", DkimAlgorithm.ED25519_SHA256, pair.getPrivate(), pair.getPublic()))
                .hasMessageContaining("invalid domain name 'exa_mple.com'");
        assertThatThrownBy(() -> new DkimKey("localhost", "s", DkimAlgorithm.ED25519_SHA256, pair.getPrivate(), pair.getPublic()))
                .hasMessageContaining("at least 2 labels");
        assertThatThrownBy(() -> new DkimKey("bücher.example", "s", DkimAlgorithm.ED25519_SHA256, pair.getPrivate(), pair.getPublic()))
                .hasMessageContaining("A-label");
        assertThatThrownBy(() -> new DkimKey("example.com", "sel..ector", DkimAlgorithm.ED25519_SHA256, pair.getPrivate(), pair.getPublic()))
                .hasMessageContaining("invalid DKIM selector");
        assertThatThrownBy(() -> new DkimKey("example.com", "-s", DkimAlgorithm.ED25519_SHA256, pair.getPrivate(), pair.getPublic()))
                .hasMessageContaining("hyphen");
    }

    @Test
    void acceptsDottedSubSelectors() {
        DkimKey key = DkimKey.generate("example.com", "2025.tenant-a", DkimAlgorithm.ED25519_SHA256);

        assertThat(key.dnsName()).isEqualTo("2025.tenant-a._domainkey.example.com");
    }

    @Test
    void neverShowsKeyMaterialInToString() {
        DkimKey key = DkimKey.generate("example.com", "r", DkimAlgorithm.RSA_SHA256);
        String privateExponent = ((RSAPrivateCrtKey) key.privateKey()).getPrivateExponent().toString();

        assertThat(key.toString()).isEqualTo("DkimKey[r._domainkey.example.com, rsa-sha256, 2048 bits]")
                .doesNotContain(privateExponent.substring(0, 20));
    }
}
