package com.emailengine.local.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.tenant.SendingAddress;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.core.tenant.Tenants;
import com.emailengine.fleet.SourceAddressPicker;
import com.emailengine.local.adapters.TestTenants;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link SourceAddressPicker} on the test tenants' pools: alpha has five addresses, beta three. */
class SourceAddressPickerTest {

    private final Tenants tenants = TestTenants.config().tenants();
    private final Tenant alpha = tenants.get(TestTenants.ALPHA);
    private final Tenant beta = tenants.get(TestTenants.BETA);

    @Test
    void spreadsATenantsMessagesEvenlyOverItsWholePool() {
        SourceAddressPicker picker = new SourceAddressPicker();
        List<SendingAddress> picked = new ArrayList<>();
        for (int i = 0; i < 4 * alpha.pool().addresses().size(); i++) {
            picked.add(picker.next(alpha));
        }

        Map<SendingAddress, Long> uses = picked.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(uses.keySet()).containsExactlyInAnyOrderElementsOf(alpha.pool().addresses());
        assertThat(uses.values()).containsOnly(4L);
    }

    @Test
    void neverPicksOutsideTheTenantsPoolEvenWhenTenantsInterleaveFromManyThreads() throws Exception {
        SourceAddressPicker picker = new SourceAddressPicker();
        Map<String, List<SendingAddress>> pickedBy = new ConcurrentHashMap<>();
        pickedBy.put(alpha.id(), Collections.synchronizedList(new ArrayList<>()));
        pickedBy.put(beta.id(), Collections.synchronizedList(new ArrayList<>()));
        AtomicInteger turn = new AtomicInteger();
        int perThread = 150;
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        Tenant tenant = turn.getAndIncrement() % 2 == 0 ? alpha : beta;
                        pickedBy.get(tenant.id()).add(picker.next(tenant));
                    }
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        }

        assertThat(pickedBy.get(alpha.id())).hasSize(300).allMatch(a -> alpha.pool().contains(a.ip()))
                .containsAll(alpha.pool().addresses());
        assertThat(pickedBy.get(beta.id())).hasSize(300).allMatch(a -> beta.pool().contains(a.ip()))
                .containsAll(beta.pool().addresses());
        assertThat(countsOf(pickedBy.get(alpha.id())).values()).containsOnly(60L);
        assertThat(countsOf(pickedBy.get(beta.id())).values()).containsOnly(100L);
    }

    private static Map<SendingAddress, Long> countsOf(List<SendingAddress> picked) {
        return picked.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
