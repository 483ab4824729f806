package com.emailengine.core.dkim;

import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed DKIM key record (RFC 6376 §3.6.1, RFC 8463 §4.2), as published in DNS. Used by the
 * verifier, and by DNS checks that compare what is published with the key the fleet signs with.
 *
 * @param algorithm      the algorithm of {@code k=} (default {@code rsa})
 * @param publicKey      the key of {@code p=}; empty when {@code p=} is empty, i.e. revoked
 * @param hashAlgorithms the {@code h=} list, empty when absent (all hashes acceptable)
 * @param serviceTypes   the {@code s=} list, empty when absent (same as {@code *})
 * @param flags          the {@code t=} flags, e.g. {@code y} (testing) and {@code s} (strict)
 */
public record DkimKeyRecord(DkimAlgorithm algorithm, Optional<PublicKey> publicKey,
                            List<String> hashAlgorithms, List<String> serviceTypes, List<String> flags) {

    public DkimKeyRecord {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKey, "publicKey");
        hashAlgorithms = List.copyOf(hashAlgorithms);
        serviceTypes = List.copyOf(serviceTypes);
        flags = List.copyOf(flags);
    }

    /** A key record that cannot be used, with the verdict a verifier reports for it. */
    public static final class InvalidException extends Exception {
        private static final long serialVersionUID = 1L;
        private final DkimVerdict verdict;

        InvalidException(DkimVerdict verdict, String message) {
            super(message);
            this.verdict = verdict;
        }

        /** {@link DkimVerdict#KEY_SYNTAX} or {@link DkimVerdict#KEY_UNSUITABLE}. */
        public DkimVerdict verdict() {
            return verdict;
        }
    }

    public static DkimKeyRecord parse(String txt) throws InvalidException {
        TagList tags;
        try {
            tags = TagList.parse(txt);
        } catch (TagList.SyntaxException e) {
            throw new InvalidException(DkimVerdict.KEY_SYNTAX, "key record: " + e.getMessage());
        }
        Optional<String> v = tags.value("v");
        if (v.isPresent() && !v.get().equals("DKIM1")) {
            throw new InvalidException(DkimVerdict.KEY_SYNTAX, "key record version is not DKIM1: " + v.get());
        }
        String p = TagList.withoutWhitespace(tags.value("p")
                .orElseThrow(() -> new InvalidException(DkimVerdict.KEY_SYNTAX, "key record lacks p=")));
        String k = tags.value("k").orElse("rsa");
        DkimAlgorithm algorithm = DkimAlgorithm.fromKeyType(k)
                .orElseThrow(() -> new InvalidException(DkimVerdict.KEY_UNSUITABLE, "unknown key type k=" + k));
        Optional<PublicKey> key = Optional.empty();
        if (!p.isEmpty()) {
            byte[] data;
            try {
                data = Base64.getDecoder().decode(p);
            } catch (IllegalArgumentException e) {
                throw new InvalidException(DkimVerdict.KEY_SYNTAX, "p= is not base64: " + e.getMessage());
            }
            PublicKey parsed;
            try {
                parsed = algorithm.publicKeyFromRecordData(data);
            } catch (InvalidKeySpecException e) {
                throw new InvalidException(DkimVerdict.KEY_SYNTAX, "p= is not a " + k + " public key: " + e.getMessage());
            }
            String problem = algorithm.keyProblem(parsed);
            if (problem != null) {
                throw new InvalidException(DkimVerdict.KEY_UNSUITABLE, problem);
            }
            key = Optional.of(parsed);
        }
        return new DkimKeyRecord(algorithm, key, list(tags, "h"), list(tags, "s"), list(tags, "t"));
    }

    public boolean revoked() {
        return publicKey.isEmpty();
    }

    /** {@code t=y}: the domain is testing DKIM. */
    public boolean testing() {
        return flags.contains("y");
    }

    /** {@code t=s}: the {@code i=} domain must equal {@code d=} exactly. */
    public boolean strictIdentity() {
        return flags.contains("s");
    }

    /** Why this key cannot verify a signature made with {@code signatureAlgorithm}, or null. */
    String unsuitabilityFor(DkimAlgorithm signatureAlgorithm) {
        if (algorithm != signatureAlgorithm) {
            return "key type k=" + algorithm.keyType() + " cannot verify a=" + signatureAlgorithm.tag();
        }
        if (!hashAlgorithms.isEmpty() && !hashAlgorithms.contains("sha256")) {
            return "key record h=" + String.join(":", hashAlgorithms) + " excludes sha256";
        }
        if (!serviceTypes.isEmpty() && !serviceTypes.contains("*") && !serviceTypes.contains("email")) {
            return "key record s=" + String.join(":", serviceTypes) + " excludes email";
        }
        return null;
    }

    private static List<String> list(TagList tags, String name) {
        return tags.value(name)
                .map(TagList::withoutWhitespace)
                .filter(s -> !s.isEmpty())
                .map(s -> List.of(s.split(":")))
                .orElse(List.of());
    }
}
