package com.emailengine.core.suppression;

import com.emailengine.core.contact.EmailHash;
import java.util.Collection;
import java.util.Set;

/**
 * Addresses that must not be mailed, by scope: a tenant's own list (unsubscribes, complaints, its operators' blocks)
 * and the {@link #GLOBAL} list that applies to every tenant (hard bounces, spam traps: a bad address hurts the
 * reputation of every tenant's IPs). Addresses are held by their {@link EmailHash}, never in clear.
 *
 * <p>Implementations are safe for concurrent use from many processes; {@link #add} is idempotent (adding an entry
 * again keeps the first one). A store that cannot answer throws: callers treat that as "retry later", never as
 * "not suppressed".
 */
public interface SuppressionList {

    /** The scope whose entries apply to every tenant. */
    String GLOBAL = "_global";

    /** Which of {@code ids} are suppressed for {@code tenantId}, on its list or the global one. */
    Set<EmailHash> suppressed(String tenantId, Collection<EmailHash> ids);

    /** Adds an entry unless its scope already holds the address. */
    void add(Suppression suppression);
}
