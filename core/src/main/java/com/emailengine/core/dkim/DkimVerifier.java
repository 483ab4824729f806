package com.emailengine.core.dkim;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks every DKIM-Signature field of a message (RFC 6376 §6) signed with {@code rsa-sha256}
 * or {@code ed25519-sha256}, in either canonicalization, with keys from a
 * {@link DkimKeyLookup}. Used for DNS-authentication checks of our own mail and in tests.
 *
 * <p>Thread-safe if the lookup is. The message must use CRLF line ends (as received over SMTP);
 * otherwise {@link MalformedMessageException} is thrown, since no signature could be judged.
 */
public final class DkimVerifier {

    private static final String[] REQUIRED_TAGS = {"v", "a", "b", "bh", "d", "h", "s"};
    private static final int MAX_DECIMAL_DIGITS = 18; // fits a long; RFC 6376 allows 12 for t= and x=, 76 for l=

    private final DkimKeyLookup lookup;
    private final Clock clock;

    public DkimVerifier(DkimKeyLookup lookup, Clock clock) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One result per DKIM-Signature field, top to bottom; empty if the message has none. */
    public List<DkimVerification> verify(byte[] message) {
        RawMessage parsed = RawMessage.parse(message);
        Map<String, BodyHash> bodyHashes = new HashMap<>();
        List<DkimVerification> results = new ArrayList<>();
        for (RawMessage.HeaderField field : parsed.fields) {
            if (field.lowerName().equals("dkim-signature")) {
                results.add(check(parsed, field, bodyHashes));
            }
        }
        return results;
    }

    private record BodyHash(byte[] digest, long canonicalLength) {
    }

    private DkimVerification check(RawMessage message, RawMessage.HeaderField field, Map<String, BodyHash> bodyHashes) {
        byte[] m = message.bytes;
        int valueStart = field.colon() + 1;
        String value = new String(m, valueStart, field.end() - valueStart, StandardCharsets.ISO_8859_1);
        TagList tags;
        try {
            tags = TagList.parse(value);
        } catch (TagList.SyntaxException e) {
            return new DkimVerification("", "", "", DkimVerdict.SYNTAX, e.getMessage());
        }
        Result r = new Result(tags.value("d").orElse(""), tags.value("s").orElse(""), tags.value("a").orElse(""));
        for (String required : REQUIRED_TAGS) {
            if (!tags.has(required)) {
                return r.fail(DkimVerdict.SYNTAX, "missing " + required + "=");
            }
        }
        if (!tags.value("v").orElseThrow().equals("1")) {
            return r.fail(DkimVerdict.SYNTAX, "v= is not 1");
        }
        Optional<DkimAlgorithm> algorithmTag = DkimAlgorithm.fromTag(r.algorithm);
        if (algorithmTag.isEmpty()) {
            return r.fail(DkimVerdict.UNSUPPORTED_ALGORITHM, "a=" + r.algorithm + " is not verified");
        }
        DkimAlgorithm algorithm = algorithmTag.get();

        String[] canon = tags.value("c").orElse("simple/simple").split("/", -1);
        Optional<DkimCanonicalization> headerCanon = DkimCanonicalization.fromTag(canon[0]);
        Optional<DkimCanonicalization> bodyCanon = canon.length == 1
                ? Optional.of(DkimCanonicalization.SIMPLE)
                : DkimCanonicalization.fromTag(canon[1]);
        if (canon.length > 2 || headerCanon.isEmpty() || bodyCanon.isEmpty()) {
            return r.fail(DkimVerdict.SYNTAX, "unknown canonicalization c=" + tags.value("c").orElse(""));
        }

        String domain = r.domain.toLowerCase(Locale.ROOT);
        if (!isDnsLabels(domain) || !domain.contains(".")) {
            return r.fail(DkimVerdict.SYNTAX, "d= is not a domain name");
        }
        if (!isDnsLabels(r.selector.toLowerCase(Locale.ROOT))) {
            return r.fail(DkimVerdict.SYNTAX, "s= is not a selector");
        }
        List<String> signedNames = new ArrayList<>();
        for (String name : TagList.withoutWhitespace(tags.value("h").orElseThrow()).split(":", -1)) {
            if (name.isEmpty()) {
                return r.fail(DkimVerdict.SYNTAX, "empty field name in h=");
            }
            signedNames.add(name.toLowerCase(Locale.ROOT));
        }
        if (!signedNames.contains("from")) {
            return r.fail(DkimVerdict.SYNTAX, "h= does not include From");
        }
        String identityDomain = domain;
        Optional<String> identity = tags.value("i");
        if (identity.isPresent()) {
            int at = identity.get().lastIndexOf('@');
            identityDomain = at < 0 ? "" : identity.get().substring(at + 1).toLowerCase(Locale.ROOT);
            if (!identityDomain.equals(domain) && !identityDomain.endsWith("." + domain)) {
                return r.fail(DkimVerdict.SYNTAX, "i= is not within d=");
            }
        }
        Optional<String> query = tags.value("q");
        if (query.isPresent() && !Arrays.asList(TagList.withoutWhitespace(query.get()).split(":")).contains("dns/txt")) {
            return r.fail(DkimVerdict.SYNTAX, "q= does not offer dns/txt");
        }
        long bodyLimit;
        long signedAt;
        long expiresAt;
        byte[] bodyHashTag;
        byte[] signature;
        try {
            bodyLimit = decimal(tags, "l", -1);
            signedAt = decimal(tags, "t", -1);
            expiresAt = decimal(tags, "x", -1);
            bodyHashTag = base64(tags, "bh");
            signature = base64(tags, "b");
        } catch (IllegalArgumentException e) {
            return r.fail(DkimVerdict.SYNTAX, e.getMessage());
        }
        if (expiresAt >= 0 && signedAt >= 0 && expiresAt < signedAt) {
            return r.fail(DkimVerdict.SYNTAX, "x= is before t=");
        }
        if (expiresAt >= 0 && clock.instant().getEpochSecond() > expiresAt) {
            return r.fail(DkimVerdict.EXPIRED, "signature expired at x=" + expiresAt);
        }

        DkimKeyRecord key;
        try {
            Optional<String> txt = lookup.txt(r.selector, r.domain);
            if (txt.isEmpty()) {
                return r.fail(DkimVerdict.KEY_NOT_FOUND, "no key record at " + r.selector + "._domainkey." + r.domain);
            }
            key = DkimKeyRecord.parse(txt.get());
        } catch (DkimKeyRecord.InvalidException e) {
            return r.fail(e.verdict(), e.getMessage());
        } catch (RuntimeException e) {
            return r.fail(DkimVerdict.KEY_UNAVAILABLE, "key lookup failed: " + e);
        }
        if (key.revoked()) {
            return r.fail(DkimVerdict.KEY_REVOKED, "key record has an empty p=");
        }
        String unsuitable = key.unsuitabilityFor(algorithm);
        if (unsuitable == null && key.strictIdentity() && !identityDomain.equals(domain)) {
            unsuitable = "key demands i= domain equal to d= (t=s)";
        }
        if (unsuitable != null) {
            return r.fail(DkimVerdict.KEY_UNSUITABLE, unsuitable);
        }

        DkimCanonicalization bodyCanonicalization = bodyCanon.get();
        BodyHash bodyHash = bodyHashes.computeIfAbsent(bodyCanonicalization + "/" + bodyLimit, k -> {
            BodyHasher hasher = new BodyHasher(bodyLimit);
            bodyCanonicalization.body(m, message.bodyStart, m.length, hasher);
            return new BodyHash(hasher.finish(), hasher.canonicalLength());
        });
        if (bodyLimit > bodyHash.canonicalLength()) {
            return r.fail(DkimVerdict.BODY_HASH_MISMATCH, "l=" + bodyLimit + " exceeds the body length " + bodyHash.canonicalLength());
        }
        if (!Arrays.equals(bodyHash.digest(), bodyHashTag)) {
            return r.fail(DkimVerdict.BODY_HASH_MISMATCH, "body hash does not match bh=");
        }

        OctetBuffer input = new OctetBuffer(2048);
        SignedFields.append(message, signedNames, headerCanon.get(), input);
        byte[] withoutSignature = withEmptyB(m, field, tags.tag("b").orElseThrow());
        headerCanon.get().header(withoutSignature, 0, field.colon() - field.start(), withoutSignature.length, input, false);
        PublicKey publicKey = key.publicKey().orElseThrow();
        if (!algorithm.verify(publicKey, input.array(), 0, input.length(), signature)) {
            return r.fail(DkimVerdict.SIGNATURE_MISMATCH, "signature does not verify over the signed header fields");
        }
        return new DkimVerification(r.domain, r.selector, r.algorithm, DkimVerdict.PASS, "");
    }

    /**
     * The signature field as it was hashed: its own octets with everything between "b=" and the
     * end of that tag (value and surrounding whitespace) deleted, per RFC 6376 §3.7.
     */
    static byte[] withEmptyB(byte[] m, RawMessage.HeaderField field, TagList.Tag b) {
        int valueStart = field.colon() + 1;
        int cutFrom = valueStart + b.afterEquals();
        int cutTo = valueStart + b.specEnd();
        byte[] out = new byte[(field.end() - field.start()) - (cutTo - cutFrom)];
        int head = cutFrom - field.start();
        System.arraycopy(m, field.start(), out, 0, head);
        System.arraycopy(m, cutTo, out, head, field.end() - cutTo);
        return out;
    }

    private static long decimal(TagList tags, String name, long absent) {
        Optional<String> v = tags.value(name);
        if (v.isEmpty()) {
            return absent;
        }
        String s = v.get();
        if (s.isEmpty() || s.length() > MAX_DECIMAL_DIGITS) {
            throw new IllegalArgumentException(name + "= is not a decimal number of at most " + MAX_DECIMAL_DIGITS + " digits");
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw new IllegalArgumentException(name + "= is not a decimal number");
            }
        }
        return Long.parseLong(s);
    }

    private static byte[] base64(TagList tags, String name) {
        String s = TagList.withoutWhitespace(tags.value(name).orElseThrow());
        if (s.isEmpty()) {
            throw new IllegalArgumentException(name + "= is empty");
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + "= is not base64");
        }
    }

    /** Dot-separated labels of letters, digits, hyphens and underscores: lenient, as seen in the wild. */
    private static boolean isDnsLabels(String s) {
        if (s.isEmpty() || s.length() > 253 || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private record Result(String domain, String selector, String algorithm) {
        DkimVerification fail(DkimVerdict verdict, String detail) {
            return new DkimVerification(domain, selector, algorithm, verdict, detail);
        }
    }
}
