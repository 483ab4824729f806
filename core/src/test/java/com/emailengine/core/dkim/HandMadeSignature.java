package com.emailengine.core.dkim;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Signs a message with a DKIM-Signature field whose text the test writes by hand, so the
 * verifier can be shown odd but valid layouts (whitespace around '=', l=, simple
 * canonicalization, i=) and deliberately broken ones, each carrying a correct signature.
 */
final class HandMadeSignature {

    private HandMadeSignature() {
    }

    /**
     * @param fieldWithoutB the whole field up to and including "b=", e.g. "DKIM-Signature: v=1; ...; b=";
     *                      "{bh}" is replaced by the body hash
     * @param signedNames   the h= names, lower case, in h= order
     * @param bodyLimit     octets of canonical body to hash, or -1
     */
    static byte[] sign(byte[] message, DkimKey key, String fieldWithoutB, List<String> signedNames,
                       DkimCanonicalization header, DkimCanonicalization body, long bodyLimit) {
        RawMessage parsed = RawMessage.parse(message);
        BodyHasher hasher = new BodyHasher(bodyLimit);
        body.body(message, parsed.bodyStart, message.length, hasher);
        String field = fieldWithoutB.replace("{bh}", Base64.getEncoder().encodeToString(hasher.finish()));
        byte[] fieldBytes = field.getBytes(StandardCharsets.US_ASCII);

        OctetBuffer input = new OctetBuffer(1024);
        SignedFields.append(parsed, signedNames, header, input);
        header.header(fieldBytes, 0, field.indexOf(':'), fieldBytes.length, input, false);
        byte[] signature = key.algorithm().sign(key.privateKey(), input.array(), 0, input.length());

        String signedField = field + Base64.getEncoder().encodeToString(signature) + "\r\n";
        byte[] out = new byte[signedField.length() + message.length];
        System.arraycopy(signedField.getBytes(StandardCharsets.US_ASCII), 0, out, 0, signedField.length());
        System.arraycopy(message, 0, out, signedField.length(), message.length);
        return out;
    }
}
