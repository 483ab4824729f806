package com.emailengine.core.dkim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Selects the header fields an {@code h=} list names and appends their canonical forms, in
 * {@code h=} order, as RFC 6376 §5.4.2 requires: each occurrence of a name takes the lowest
 * not-yet-used instance of that field (counting from the bottom of the header), and a name
 * with no instance left contributes nothing, which is what makes over-signing work.
 */
final class SignedFields {

    private SignedFields() {
    }

    static void append(RawMessage message, List<String> lowerNames, DkimCanonicalization c, OctetBuffer out) {
        List<RawMessage.HeaderField> fields = message.fields;
        Map<String, Integer> nextFromBottom = new HashMap<>();
        for (String name : lowerNames) {
            int i = nextFromBottom.getOrDefault(name, fields.size());
            do {
                i--;
            } while (i >= 0 && !fields.get(i).lowerName().equals(name));
            if (i >= 0) {
                RawMessage.HeaderField f = fields.get(i);
                c.header(message.bytes, f.start(), f.colon(), f.end(), out, true);
            }
            nextFromBottom.put(name, Math.max(i, 0));
        }
    }
}
