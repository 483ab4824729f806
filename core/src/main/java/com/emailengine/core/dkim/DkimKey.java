package com.emailengine.core.dkim;

import com.emailengine.core.names.DomainName;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * One signing key of a sending domain: the domain ({@code d=}), the selector ({@code s=}), the
 * algorithm and the key pair. The constructor checks that the keys fit the algorithm and belong
 * together (one trial signature), so a key that reaches the signer is known to verify against
 * the record {@link #dnsTxtValue()} publishes.
 *
 * <p>{@link #toString()} never shows key material.
 */
public record DkimKey(String domain, String selector, DkimAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey) {

    public DkimKey {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        domain = DomainName.of(Objects.requireNonNull(domain, "domain")).value();
        selector = validSelector(selector);
        String problem = algorithm.keyProblem(privateKey);
        if (problem == null) {
            problem = algorithm.keyProblem(publicKey);
        }
        if (problem != null) {
            throw new IllegalArgumentException("DKIM key " + selector + "._domainkey." + domain + ": " + problem);
        }
        if (!algorithm.isPair(privateKey, publicKey)) {
            throw new IllegalArgumentException(
                    "DKIM key " + selector + "._domainkey." + domain + ": public key does not match private key");
        }
        if ((selector + "._domainkey." + domain).length() > DomainName.MAX_LENGTH) {
            throw new IllegalArgumentException("DKIM key name " + selector + "._domainkey." + domain + " is too long");
        }
    }

    /** Generates a fresh key: RSA-2048 for {@code rsa-sha256}, Ed25519 for {@code ed25519-sha256}. */
    public static DkimKey generate(String domain, String selector, DkimAlgorithm algorithm) {
        KeyPair pair = algorithm.generateKeyPair();
        return new DkimKey(domain, selector, algorithm, pair.getPrivate(), pair.getPublic());
    }

    /** A key from its private half alone; the public half is derived (see {@link DkimKeyFiles}). */
    public static DkimKey of(String domain, String selector, DkimAlgorithm algorithm, PrivateKey privateKey) {
        return new DkimKey(domain, selector, algorithm, privateKey, DkimKeyFiles.publicKeyOf(privateKey));
    }

    /** Where the key record lives: {@code <selector>._domainkey.<domain>} (RFC 6376 §3.6.2.1). */
    public String dnsName() {
        return selector + "._domainkey." + domain;
    }

    /**
     * The key record: {@code v=DKIM1; k=rsa; p=<base64 SubjectPublicKeyInfo>} or
     * {@code v=DKIM1; k=ed25519; p=<base64 of the raw 32-octet key>} (RFC 8463 §4.2). One logical
     * string; an RSA-2048 record is longer than 255 octets and must be published as several
     * character-strings (see {@link com.emailengine.core.dns.TxtCharacterStrings}).
     */
    public String dnsTxtValue() {
        return "v=DKIM1; k=" + algorithm.keyType() + "; p="
                + Base64.getEncoder().encodeToString(algorithm.publicKeyRecordData(publicKey));
    }

    @Override
    public String toString() {
        String size = publicKey instanceof RSAKey rsa ? ", " + rsa.getModulus().bitLength() + " bits" : "";
        return "DkimKey[" + dnsName() + ", " + algorithm.tag() + size + "]";
    }

    /**
     * A selector is one or more host-name labels (RFC 6376 §3.1 allows dots for sub-selectors);
     * underscores are refused because several DNS hosting panels reject them.
     */
    private static String validSelector(String selector) {
        Objects.requireNonNull(selector, "selector");
        String problem = DomainName.problemWith(selector, 1);
        if (problem != null || selector.endsWith(".")) {
            throw new IllegalArgumentException("invalid DKIM selector '" + selector + "': "
                    + (problem != null ? problem : "trailing dot"));
        }
        return selector.toLowerCase(Locale.ROOT);
    }
}
