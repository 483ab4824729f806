package com.emailengine.adapters.sqs;

import com.emailengine.core.ingest.ContactSubmission;
import com.emailengine.core.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a contacts-queue message: {@code {"contacts": [submission, ...]}}, several contacts of one request per
 * message, or one bare submission (the walking skeleton's form, still read). Packing cuts the SQS calls of a
 * 1,000-contact request from a hundred to a handful; the intake handles a message's contacts together, and a failure
 * redelivers the message, which is harmless because the intake is idempotent. Stateless, thread-safe.
 */
public final class ContactMessages {

    /**
     * Largest message body we build, about a dozen contacts: few enough that an intake invocation (ten messages) stays
     * far inside its timeout even when every domain's DNS times out, many enough that a 1,000-contact request needs
     * under ten SendMessageBatch calls.
     */
    static final int MAX_MESSAGE_BYTES = 8 * 1024;

    private ContactMessages() {
    }

    /** The submissions as message bodies of at most {@link #MAX_MESSAGE_BYTES} (a larger single contact gets its own). */
    public static List<String> encode(List<ContactSubmission> submissions) {
        List<String> bodies = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        int bytes = 0;
        for (ContactSubmission submission : submissions) {
            String json = Json.write(submission);
            int size = json.getBytes(StandardCharsets.UTF_8).length + 1;
            if (bytes > 0 && bytes + size > MAX_MESSAGE_BYTES) {
                bodies.add(body.append("]}").toString());
                body.setLength(0);
                bytes = 0;
            }
            body.append(bytes == 0 ? "{\"contacts\":[" : ",").append(json);
            bytes += size;
        }
        if (bytes > 0) {
            bodies.add(body.append("]}").toString());
        }
        return bodies;
    }

    /** @throws IllegalArgumentException when the body is neither form */
    public static List<ContactSubmission> decode(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a contacts message is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a contacts message must be a JSON object");
        }
        try {
            if (root.has("contacts")) {
                List<ContactSubmission> submissions = new ArrayList<>();
                for (JsonNode node : root.get("contacts")) {
                    submissions.add(Json.MAPPER.treeToValue(node, ContactSubmission.class));
                }
                return submissions;
            }
            return List.of(Json.MAPPER.treeToValue(root, ContactSubmission.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a contact submission: " + e.getOriginalMessage(), e);
        }
    }
}
