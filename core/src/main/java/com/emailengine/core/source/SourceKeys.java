package com.emailengine.core.source;

import java.util.List;

/**
 * Where the sources' keys are kept: a folder of key files locally ({@link DirectorySourceKeys}), AWS Secrets Manager
 * in the cloud (one secret per source, {@code ee/<stage>/sources/<id>}). A source may have several keys at once, one
 * per line of its file or secret, so a key can be rotated without a moment in which the tool is locked out.
 *
 * <p>Implementations are thread-safe and may cache (a rotated key then takes effect within the cache's lifetime).
 * A store that cannot answer throws; the API answers 503 and nothing is stored.
 */
public interface SourceKeys {

    /** The keys {@code sourceId} may authenticate with; empty when it has none (then it cannot post). */
    List<String> keysOf(String sourceId);
}
