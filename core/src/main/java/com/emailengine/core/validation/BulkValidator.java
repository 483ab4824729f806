package com.emailengine.core.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Validates many addresses at once: the offline checks run on the calling thread (they cost microseconds), then the
 * addresses that are still candidates are grouped by domain and each domain's group runs the network checks on its
 * own virtual thread, at most {@code maxConcurrentDomains} at a time. One DNS lookup serves a whole group, and
 * lookups for different domains overlap, which is what makes a bulk import fast.
 *
 * <p>Thread-safe: holds no state between calls; several calls may run at once.
 */
public final class BulkValidator {

    /** One address to validate, for a tenant (null: none) under its policy. */
    public record Item(String address, String tenantId, ValidationPolicy policy) {

        public static Item of(String address) {
            return new Item(address, null, ValidationPolicy.DEFAULT);
        }
    }

    private final AddressValidator offline;
    private final AddressValidator network;
    private final int maxConcurrentDomains;

    public BulkValidator(AddressValidator validator, int maxConcurrentDomains) {
        if (maxConcurrentDomains < 1) {
            throw new IllegalArgumentException("maxConcurrentDomains must be at least 1");
        }
        this.offline = validator.offline();
        this.network = validator.networkOnly();
        this.maxConcurrentDomains = maxConcurrentDomains;
    }

    /** The validations, in the order of {@code items}. */
    public List<Validation> validateAll(List<Item> items) {
        Validation[] results = new Validation[items.size()];
        Map<String, List<Integer>> byDomain = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            results[i] = offline.validate(item.address(), item.tenantId(), item.policy());
            if (!network.checks().isEmpty() && results[i].address() != null && results[i].verdict() != Verdict.INVALID) {
                byDomain.computeIfAbsent(results[i].address().asciiDomain(), d -> new ArrayList<>()).add(i);
            }
        }
        if (byDomain.isEmpty()) {
            return List.of(results);
        }
        Semaphore permits = new Semaphore(maxConcurrentDomains);
        List<Future<?>> groups = new ArrayList<>(byDomain.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<Integer> group : byDomain.values()) {
                groups.add(threads.submit(() -> {
                    permits.acquireUninterruptibly();
                    try {
                        for (int i : group) {
                            Item item = items.get(i);
                            results[i] = network.resume(results[i], item.tenantId(), item.policy());
                        }
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (Future<?> group : groups) {
                group.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while validating", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
        return List.of(results);
    }
}
