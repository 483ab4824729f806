package com.emailengine.adapters.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads many items of one table by key with BatchGetItem: {@value #MAX_KEYS} keys per call (DynamoDB's limit), the
 * calls of one read in parallel on virtual threads, unprocessed keys (throttling) asked again with a short backoff.
 * Thread-safe.
 */
final class BatchReads {

    /** BatchGetItem takes at most 100 keys per call. */
    static final int MAX_KEYS = 100;
    private static final int MAX_ROUNDS = 8;
    /** Calls in flight at once; few enough that the HTTP client reuses its (five idle) connections. */
    static final int PARALLEL_CALLS = 5;

    private final DynamoDbClient dynamo;

    BatchReads(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    /** The items found for {@code keys}, with only {@code projection} (a projection expression over {@code names}). */
    List<Map<String, AttributeValue>> get(String table, List<Map<String, AttributeValue>> keys, String projection,
                                          Map<String, String> names) {
        List<List<Map<String, AttributeValue>>> chunks = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += MAX_KEYS) {
            chunks.add(keys.subList(i, Math.min(keys.size(), i + MAX_KEYS)));
        }
        if (chunks.size() == 1) {
            return read(table, chunks.getFirst(), projection, names);
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(Math.min(PARALLEL_CALLS, chunks.size()), Thread.ofVirtual().factory())) {
            List<Future<List<Map<String, AttributeValue>>>> futures = new ArrayList<>();
            for (List<Map<String, AttributeValue>> chunk : chunks) {
                futures.add(threads.submit(() -> read(table, chunk, projection, names)));
            }
            for (Future<List<Map<String, AttributeValue>>> future : futures) {
                items.addAll(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + table, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
        return items;
    }

    private List<Map<String, AttributeValue>> read(String table, List<Map<String, AttributeValue>> keys, String projection,
                                                   Map<String, String> names) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        List<Map<String, AttributeValue>> wanted = keys;
        for (int round = 0; !wanted.isEmpty(); round++) {
            if (round == MAX_ROUNDS) {
                throw new IllegalStateException("DynamoDB left " + wanted.size() + " keys of " + table + " unprocessed");
            }
            if (round > 0) {
                pause(round);
            }
            KeysAndAttributes request = KeysAndAttributes.builder().keys(wanted).consistentRead(true)
                    .projectionExpression(projection).expressionAttributeNames(names.isEmpty() ? null : names).build();
            BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(Map.of(table, request)));
            items.addAll(response.responses().getOrDefault(table, List.of()));
            KeysAndAttributes left = response.unprocessedKeys().get(table);
            wanted = left == null ? List.of() : left.keys();
        }
        return items;
    }

    private static void pause(int round) {
        try {
            Thread.sleep(Math.min(1_000, 25L << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
