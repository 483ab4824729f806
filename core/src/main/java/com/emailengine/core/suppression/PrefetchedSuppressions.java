package com.emailengine.core.suppression;

import com.emailengine.core.contact.EmailHash;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The answer of one batch query against a {@link SuppressionList}, for one tenant, used as a list itself: a request
 * of a thousand contacts asks the store once instead of a thousand times. Answers only for the ids it was built
 * with and that tenant; read-only. Immutable, thread-safe.
 */
public final class PrefetchedSuppressions implements SuppressionList {

    private final String tenantId;
    private final Set<EmailHash> asked;
    private final Set<EmailHash> suppressed;

    private PrefetchedSuppressions(String tenantId, Set<EmailHash> asked, Set<EmailHash> suppressed) {
        this.tenantId = tenantId;
        this.asked = asked;
        this.suppressed = suppressed;
    }

    public static PrefetchedSuppressions of(SuppressionList store, String tenantId, Collection<EmailHash> ids) {
        Set<EmailHash> asked = Set.copyOf(new HashSet<>(ids));
        return new PrefetchedSuppressions(tenantId, asked, asked.isEmpty() ? Set.of() : Set.copyOf(store.suppressed(tenantId, asked)));
    }

    @Override
    public Set<EmailHash> suppressed(String tenant, Collection<EmailHash> ids) {
        if (!tenantId.equals(tenant) || !asked.containsAll(ids)) {
            throw new IllegalArgumentException("prefetched for tenant " + tenantId + " and other addresses only");
        }
        Set<EmailHash> out = new HashSet<>();
        for (EmailHash id : ids) {
            if (suppressed.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    @Override
    public void add(Suppression suppression) {
        throw new UnsupportedOperationException("a prefetched answer is read-only");
    }
}
