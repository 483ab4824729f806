package com.emailengine.core.dkim;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Adds one DKIM-Signature field per configured key (RFC 6376 §5) to a message, normally an RSA
 * and an Ed25519 key of the same domain (RFC 8463 §5 dual signing). Signatures use
 * {@code c=relaxed/relaxed}, {@code t=} from the injected clock, an optional {@code x=}, and the
 * header selection of {@link DkimSigningPolicy}. The fields are prepended in key order, each
 * signature independent of the others.
 *
 * <p>Input: an RFC 5322 message with CRLF line ends, exactly as it will be sent (e.g. what
 * {@code MimeMessage.writeTo} produces). A bare LF or CR, a malformed header or a From field
 * count other than one is refused with {@link MalformedMessageException}.
 *
 * <p>Thread-safe and immutable: one instance serves all sending threads. Keys are parsed and
 * checked once, when the {@link DkimKey}s are built; a call allocates only small per-call
 * buffers, hashes the body once for all keys and never copies the message except to build the
 * returned array.
 */
public final class DkimSigner {

    private static final String FIELD_NAME = "DKIM-Signature";
    private static final byte[] FIELD_NAME_BYTES = FIELD_NAME.getBytes(StandardCharsets.US_ASCII);

    private final List<DkimKey> keys;
    private final DkimSigningPolicy policy;
    private final Clock clock;
    private final DkimSignatureEngine engine;

    public DkimSigner(List<DkimKey> keys, Clock clock) {
        this(keys, DkimSigningPolicy.DEFAULT, clock);
    }

    public DkimSigner(List<DkimKey> keys, DkimSigningPolicy policy, Clock clock) {
        this(keys, policy, clock, DkimSignatureEngine.JCA);
    }

    /** @param engine computes each signature (the JDK's by default) */
    public DkimSigner(List<DkimKey> keys, DkimSigningPolicy policy, Clock clock, DkimSignatureEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.keys = List.copyOf(keys);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (this.keys.isEmpty()) {
            throw new IllegalArgumentException("at least one DKIM key is required");
        }
        Set<String> names = new HashSet<>();
        for (DkimKey k : this.keys) {
            if (!names.add(k.dnsName())) {
                throw new IllegalArgumentException("DKIM key " + k.dnsName() + " configured twice");
            }
        }
    }

    /** Returns a new array: the DKIM-Signature fields followed by {@code message}. */
    public byte[] sign(byte[] message) {
        byte[] fields = signatureFields(message);
        byte[] signed = new byte[fields.length + message.length];
        System.arraycopy(fields, 0, signed, 0, fields.length);
        System.arraycopy(message, 0, signed, fields.length, message.length);
        return signed;
    }

    /**
     * Only the DKIM-Signature fields, each ending in CRLF, for callers that stream them ahead of
     * the unchanged message and so avoid copying it.
     */
    public byte[] signatureFields(byte[] message) {
        RawMessage parsed = RawMessage.parse(message);
        int froms = parsed.countOf("from");
        if (froms != 1) {
            throw new MalformedMessageException(froms == 0
                    ? "message has no From header field; DKIM requires one to be signed"
                    : "message has " + froms + " From header fields; RFC 5322 allows exactly one");
        }

        BodyHasher bodyHasher = new BodyHasher(-1);
        DkimCanonicalization.RELAXED.body(message, parsed.bodyStart, message.length, bodyHasher);
        String bodyHash = Base64.getEncoder().encodeToString(bodyHasher.finish());

        List<String> signedNames = signedNames(parsed);
        OctetBuffer hashInput = new OctetBuffer(2048);
        SignedFields.append(parsed, signedNames, DkimCanonicalization.RELAXED, hashInput);
        int signedFieldsLength = hashInput.length();

        long t = clock.instant().getEpochSecond();
        OctetBuffer out = new OctetBuffer(keys.size() * 700);
        for (DkimKey key : keys) {
            FoldedField field = new FoldedField(FIELD_NAME)
                    .word("v=1;")
                    .word("a=" + key.algorithm().tag() + ";")
                    .word("c=relaxed/relaxed;")
                    .word("d=" + key.domain() + ";")
                    .word("s=" + key.selector() + ";")
                    .word("t=" + t + ";");
            policy.lifetime().ifPresent(d -> field.word("x=" + (t + d.toSeconds()) + ";"));
            for (int i = 0; i < signedNames.size(); i++) {
                String piece = signedNames.get(i) + (i == signedNames.size() - 1 ? ";" : ":");
                if (i == 0) {
                    field.word("h=" + piece);
                } else {
                    field.glued(piece);
                }
            }
            // b= starts its own line so the signature reads as one block, as most signers lay it out.
            field.word("bh=" + bodyHash + ";").onNewLine("b=");

            byte[] unsigned = field.text().getBytes(StandardCharsets.US_ASCII);
            hashInput.truncate(signedFieldsLength);
            DkimCanonicalization.RELAXED.header(unsigned, 0, FIELD_NAME_BYTES.length, unsigned.length, hashInput, false);
            byte[] signature = engine.sign(key, hashInput.array(), 0, hashInput.length());

            out.write(unsigned);
            out.writeAscii(field.wrapped(Base64.getEncoder().encodeToString(signature)).text().substring(unsigned.length));
            out.crlf();
        }
        return out.toByteArray();
    }

    private List<String> signedNames(RawMessage message) {
        List<String> names = new ArrayList<>(24);
        for (String name : policy.signedHeaders()) {
            int count = message.countOf(name) + (policy.oversignedHeaders().contains(name) ? 1 : 0);
            for (int i = 0; i < count; i++) {
                names.add(name);
            }
        }
        return names;
    }
}
