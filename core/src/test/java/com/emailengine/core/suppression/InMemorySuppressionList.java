package com.emailengine.core.suppression;

import com.emailengine.core.contact.EmailHash;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Suppression lists in memory, by scope and address hash like the DynamoDB table: a lookup answers from the tenant's
 * scope and the global one; adding an entry a scope already holds keeps the first. Counts its lookups, and can be made
 * to fail as a store that cannot answer does. Thread-safe.
 */
public final class InMemorySuppressionList implements SuppressionList {

    private final Map<String, Suppression> entries = new ConcurrentHashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private volatile RuntimeException failure;

    @Override
    public Set<EmailHash> suppressed(String tenantId, Collection<EmailHash> ids) {
        queries.incrementAndGet();
        RuntimeException broken = failure;
        if (broken != null) {
            throw broken;
        }
        Set<EmailHash> found = new HashSet<>();
        for (EmailHash id : ids) {
            for (String scope : List.of(tenantId, GLOBAL)) {
                if (entries.containsKey(key(scope, id))) {
                    found.add(id);
                }
            }
        }
        return found;
    }

    @Override
    public void add(Suppression suppression) {
        entries.putIfAbsent(key(suppression.scope(), suppression.id()), suppression);
    }

    /** From now on every lookup throws {@code failure}. */
    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    /** How many lookups were made: the ingest asks once per tenant, never per contact. */
    public int queries() {
        return queries.get();
    }

    private static String key(String scope, EmailHash id) {
        return scope + "/" + id.hex();
    }
}
