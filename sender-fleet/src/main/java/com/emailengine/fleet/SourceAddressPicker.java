package com.emailengine.fleet;

import com.emailengine.core.tenant.SendingAddress;
import com.emailengine.core.tenant.Tenant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chooses the source address of the next message from the tenant's own pool, round robin, so a tenant
 * never sends from another tenant's IPs. (Warmup quotas and per-provider throttles will weigh in here.)
 * Thread-safe.
 */
public final class SourceAddressPicker {

    private final Map<String, AtomicInteger> cursors = new ConcurrentHashMap<>();

    public SendingAddress next(Tenant tenant) {
        int index = cursors.computeIfAbsent(tenant.id(), id -> new AtomicInteger()).getAndIncrement();
        var addresses = tenant.pool().addresses();
        return addresses.get(Math.floorMod(index, addresses.size()));
    }
}
