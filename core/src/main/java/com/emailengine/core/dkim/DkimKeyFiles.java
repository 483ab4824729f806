package com.emailengine.core.dkim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes DKIM keys as text, so a local cloud keeps its keys across runs and the cloud
 * loads them from a secret's value. The format is a PEM PKCS#8 private key preceded by three
 * header lines, which PEM readers such as OpenSSL skip as explanatory text (RFC 7468 §5.2):
 *
 * <pre>
 * DKIM-Domain: example.com
 * DKIM-Selector: ee2024a
 * DKIM-Algorithm: ed25519-sha256
 * -----BEGIN PRIVATE KEY-----
 * MC4CAQAwBQYDK2VwBCIEI...
 * -----END PRIVATE KEY-----
 * </pre>
 *
 * The public key is derived from the private key on reading. A traditional PKCS#1
 * {@code BEGIN RSA PRIVATE KEY} block (as PowerMTA and OpenDKIM keep) is read as well. Files
 * written to a directory are named {@code <selector>._domainkey.<domain>.pem}, readable by the
 * owner only where the file system has POSIX permissions.
 */
public final class DkimKeyFiles {

    /** File-name suffix {@link #readAll(Path)} picks up. */
    public static final String SUFFIX = ".pem";

    private static final String DOMAIN = "DKIM-Domain";
    private static final String SELECTOR = "DKIM-Selector";
    private static final String ALGORITHM = "DKIM-Algorithm";
    private static final String PKCS8_LABEL = "PRIVATE KEY";
    private static final String PKCS1_LABEL = "RSA PRIVATE KEY";

    private DkimKeyFiles() {
    }

    /** The key as text in the format above. */
    public static String toPem(DkimKey key) {
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.privateKey().getEncoded());
        return DOMAIN + ": " + key.domain() + "\n"
                + SELECTOR + ": " + key.selector() + "\n"
                + ALGORITHM + ": " + key.algorithm().tag() + "\n"
                + "-----BEGIN " + PKCS8_LABEL + "-----\n"
                + base64 + "\n"
                + "-----END " + PKCS8_LABEL + "-----\n";
    }

    /**
     * Parses the format above (LF or CRLF line ends, blank lines ignored).
     *
     * @throws IllegalArgumentException naming what is missing or wrong
     */
    public static DkimKey fromPem(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder base64 = new StringBuilder();
        String label = null;
        boolean ended = false;
        int lineNumber = 0;
        for (String raw : text.split("\n", -1)) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || ended) {
                continue;
            }
            if (label == null) {
                if (line.startsWith("-----BEGIN ") && line.endsWith("-----")) {
                    label = line.substring(11, line.length() - 5);
                    if (!label.equals(PKCS8_LABEL) && !label.equals(PKCS1_LABEL)) {
                        throw new IllegalArgumentException("line " + lineNumber + ": expected a PRIVATE KEY block, found " + label);
                    }
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("line " + lineNumber + ": expected 'Name: value' or -----BEGIN PRIVATE KEY-----");
                }
                headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            } else if (line.equals("-----END " + label + "-----")) {
                ended = true;
            } else {
                base64.append(line);
            }
        }
        if (label == null || !ended) {
            throw new IllegalArgumentException("no complete -----BEGIN PRIVATE KEY----- block");
        }
        String domain = required(headers, DOMAIN);
        String selector = required(headers, SELECTOR);
        String algorithmTag = required(headers, ALGORITHM);
        DkimAlgorithm algorithm = DkimAlgorithm.fromTag(algorithmTag)
                .orElseThrow(() -> new IllegalArgumentException(ALGORITHM + " '" + algorithmTag + "' is not rsa-sha256 or ed25519-sha256"));
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("private key block is not base64: " + e.getMessage(), e);
        }
        if (label.equals(PKCS1_LABEL)) {
            if (algorithm != DkimAlgorithm.RSA_SHA256) {
                throw new IllegalArgumentException("an RSA PRIVATE KEY block cannot hold an " + algorithmTag + " key");
            }
            der = Der.pkcs8FromPkcs1(der);
        }
        PrivateKey privateKey = privateKey(algorithm, der);
        return new DkimKey(domain, selector, algorithm, privateKey, publicKeyOf(privateKey));
    }

    /** Writes {@code key} into {@code directory} atomically and returns the file. */
    public static Path write(DkimKey key, Path directory) {
        try {
            Files.createDirectories(directory);
            Path target = directory.resolve(key.dnsName() + SUFFIX);
            Path temp = Files.createTempFile(directory, ".dkim", ".tmp");
            try {
                restrictToOwner(temp);
                Files.writeString(temp, toPem(key), StandardCharsets.US_ASCII);
                try {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write DKIM key " + key.dnsName() + " to " + directory, e);
        }
    }

    public static DkimKey read(Path file) {
        try {
            return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read DKIM key file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Every {@code *.pem} key in {@code directory}, by file name; empty if the directory does not exist. */
    public static List<DkimKey> readAll(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list DKIM keys in " + directory, e);
        }
        files.sort(null);
        List<DkimKey> keys = new ArrayList<>(files.size());
        for (Path f : files) {
            keys.add(read(f));
        }
        return keys;
    }

    /**
     * The public half of a private key. RSA: modulus and public exponent of the CRT key.
     * Ed25519: the JDK has no public call for it, so the key-pair generator is fed the private
     * key as its "random" seed, which it turns into the same private key plus its public key;
     * the result is checked, so a JDK that draws its seed differently fails loudly here.
     */
    static PublicKey publicKeyOf(PrivateKey privateKey) {
        try {
            if (privateKey instanceof RSAPrivateCrtKey rsa) {
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
            if (privateKey instanceof EdECPrivateKey ed) {
                byte[] seed = ed.getBytes().orElseThrow(() -> new IllegalArgumentException("Ed25519 private key has no bytes"));
                KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
                generator.initialize(NamedParameterSpec.ED25519, new SeedAsRandom(seed));
                KeyPair pair = generator.generateKeyPair();
                Optional<byte[]> regenerated = ((EdECPrivateKey) pair.getPrivate()).getBytes();
                if (regenerated.isEmpty() || !Arrays.equals(regenerated.get(), seed)) {
                    throw new IllegalStateException("cannot derive the Ed25519 public key on this JDK");
                }
                return pair.getPublic();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot derive public key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("unsupported private key type " + privateKey.getAlgorithm()
                + (privateKey.getAlgorithm().equals("RSA") ? " (RSA keys must carry CRT parameters)" : ""));
    }

    private static PrivateKey privateKey(DkimAlgorithm algorithm, byte[] pkcs8) {
        try {
            String jca = algorithm == DkimAlgorithm.RSA_SHA256 ? "RSA" : "Ed25519";
            return KeyFactory.getInstance(jca).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("private key block does not hold a " + algorithm.tag() + " key: " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> headers, String name) {
        String v = headers.get(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("missing '" + name + ":' line before the key block");
        }
        return v;
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (e.g. Windows): rely on the directory's ACLs.
        }
    }

    /** A SecureRandom that returns the given octets: used only to derive an Ed25519 public key. */
    private static final class SeedAsRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        SeedAsRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("unexpected request for " + bytes.length + " random octets");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
