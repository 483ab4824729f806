package com.emailengine.fleet;

import com.emailengine.core.config.DeliveryPolicy;
import com.emailengine.core.tenant.SendingAddress;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.core.tenant.Tenants;
import com.emailengine.fleet.metrics.FleetMetrics;
import com.emailengine.functions.runtime.Log;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Keeps this node's IP leases: on every heartbeat it renews the leases it holds, takes its home addresses
 * (asking another holder to hand them back), and takes over the addresses of any node whose leases ran
 * out, when this machine can bind them. An address it holds but another node calls home is handed back.
 * So each IP is used by one node at a time, and a dead node's IPs move to the living within one lease
 * time plus one heartbeat. It also writes each IP's traffic counts on every heartbeat.
 *
 * <p>On EC2 an address can only be bound where its network interface is attached; taking over an IP
 * there also means moving the address (see docs/decisions.md, "IP leases"); until that is wired, a node only ever
 * binds — and so only takes over — the addresses attached to it, which the bind check finds out.
 *
 * <p>Thread-safe: {@link #tick} runs on one scheduler thread; the accessors may be called from any.
 */
public final class LeaseKeeper {

    private final IpLeases leases;
    private final String node;
    private final Duration ttl;
    private final boolean takeover;
    private final Clock clock;
    private final Set<String> home;
    private final Map<String, SendingIp> byIp = new LinkedHashMap<>();
    private final Map<String, List<SendingIp>> byTenant = new LinkedHashMap<>();
    private final Map<String, Boolean> bindable = new ConcurrentHashMap<>();
    private final Instant started;

    /**
     * @param home     the addresses this node prefers (its own interfaces); empty means every pool address
     * @param takeover whether to take the addresses of dead nodes (when they can be bound here)
     */
    LeaseKeeper(IpLeases leases, Tenants tenants, Set<String> home, String node, Duration ttl, boolean takeover, Clock clock,
                BiFunction<SendingAddress, Tenant, SendingIp> sendingIp) {
        this.leases = leases;
        this.node = node;
        this.ttl = ttl;
        this.takeover = takeover;
        this.clock = clock;
        this.started = clock.instant();
        for (Tenant tenant : tenants.all()) {
            List<SendingIp> mine = new ArrayList<>();
            for (SendingAddress address : tenant.pool().addresses()) {
                SendingIp ip = sendingIp.apply(address, tenant);
                byIp.put(address.ip(), ip);
                mine.add(ip);
            }
            byTenant.put(tenant.id(), List.copyOf(mine));
        }
        this.home = home.isEmpty() ? Set.copyOf(byIp.keySet()) : Set.copyOf(home);
    }

    /**
     * The lease keeper of a node with its IPs' state: leases, quotas and warmup records in the fleet-state
     * table, connection slots per provider sized by the throttles. Call {@link #tick} to take the leases.
     */
    public static LeaseKeeper create(DynamoDbClient dynamo, String stateTable, Tenants tenants, DeliveryPolicy policy,
                                     FleetSettings settings, FleetMetrics metrics, Clock clock, ScheduledExecutorService watchdog) {
        SendingQuotas quotas = new SendingQuotas(dynamo, stateTable);
        WarmupRecords warmups = new WarmupRecords(dynamo, stateTable);
        return new LeaseKeeper(new IpLeases(dynamo, stateTable), tenants, new HashSet<>(settings.addresses()), settings.nodeId(),
                settings.ipLease(), settings.takeover(), clock,
                (address, tenant) -> new SendingIp(address, tenant.id(), policy.warmup(), quotas, warmups, metrics, clock,
                        (source, limits) -> new ConnectionSlots(source, limits.maxConnections(), settings.smtpPort(),
                                settings.smtpTimeout(), watchdog)));
    }

    /** Renews, hands back, acquires and takes over; then writes pending traffic counts. Never throws. */
    public void tick() {
        try {
            renewHeld();
            acquireFree();
        } catch (RuntimeException e) {
            Log.warn("fleet", "node " + node + ": lease heartbeat failed, retrying on the next one: " + e);
        }
        for (SendingIp ip : byIp.values()) {
            try {
                ip.flush();
            } catch (RuntimeException e) {
                Log.warn("fleet", "traffic counts of " + ip.ip() + " not written yet: " + e);
            }
        }
    }

    private void renewHeld() {
        Instant now = clock.instant();
        for (SendingIp ip : byIp.values()) {
            Optional<IpLeases.Lease> held = ip.lease();
            if (held.isEmpty()) {
                continue;
            }
            Optional<IpLeases.Lease> renewed = leases.renew(held.get(), now, ttl);
            if (renewed.isEmpty()) {
                Log.warn("fleet", "node " + node + " lost the lease of " + ip.ip());
                ip.leased(null);
                ip.closeConnections();
            } else if (renewed.get().wantedBy().isPresent() && !home.contains(ip.ip())) {
                Log.info("fleet", "node " + node + " hands " + ip.ip() + " back to " + renewed.get().wantedBy().get());
                ip.leased(null);
                ip.closeConnections();
                leases.release(renewed.get());
            } else {
                ip.leased(renewed.get());
            }
        }
    }

    private void acquireFree() {
        Instant now = clock.instant();
        List<String> notHeld = byIp.values().stream().filter(ip -> ip.lease().isEmpty()).map(SendingIp::ip).toList();
        if (notHeld.isEmpty()) {
            return;
        }
        Map<String, IpLeases.Lease> stored = leases.read(notHeld);
        boolean settled = !now.isBefore(started.plus(ttl));
        for (String ip : notHeld) {
            IpLeases.Lease lease = stored.get(ip);
            boolean free = lease == null || lease.node().isEmpty() || !lease.liveAt(now) || lease.node().equals(node);
            boolean mine = home.contains(ip);
            if (mine && !free) {
                leases.want(ip, node);
                continue;
            }
            // Another node's address: only once it is free, and not in this node's first lease time, so that
            // nodes starting together each find their own addresses first.
            boolean mayTake = mine || takeover && free && settled && canBind(ip);
            if (free && mayTake) {
                Optional<IpLeases.Lease> acquired = leases.acquire(ip, node, now, ttl);
                acquired.ifPresent(held -> {
                    Log.info("fleet", "node " + node + " leased " + ip + (mine ? "" : " (taken over)") + ", token " + held.token());
                    byIp.get(ip).leased(held);
                });
            }
        }
    }

    private boolean canBind(String ip) {
        return bindable.computeIfAbsent(ip, address -> {
            try (Socket probe = new Socket()) {
                probe.bind(new InetSocketAddress(address, 0));
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** The tenant's IPs this node may send from now. */
    public List<SendingIp> usable(String tenantId, Instant now) {
        return byTenant.getOrDefault(tenantId, List.of()).stream().filter(ip -> ip.usable(now)).toList();
    }

    /** Every IP of every pool, leased here or not. */
    List<SendingIp> all() {
        return List.copyOf(byIp.values());
    }

    /** The addresses this node holds now. */
    public List<String> held() {
        return byIp.values().stream().filter(ip -> ip.lease().isPresent()).map(SendingIp::ip).toList();
    }

    void closeIdleConnections(Duration idle) {
        Instant before = clock.instant().minus(idle);
        byIp.values().forEach(ip -> ip.closeIdleConnections(before));
    }

    /** Writes counts, closes connections and gives every lease up, so other nodes take the IPs at once. */
    public void releaseAll() {
        for (SendingIp ip : byIp.values()) {
            try {
                ip.flush();
            } catch (RuntimeException e) {
                Log.warn("fleet", "traffic counts of " + ip.ip() + " lost: " + e);
            }
            ip.closeConnections();
            ip.lease().ifPresent(held -> {
                ip.leased(null);
                try {
                    leases.release(held);
                } catch (RuntimeException e) {
                    Log.warn("fleet", "lease of " + ip.ip() + " runs out by itself: " + e);
                }
            });
        }
    }
}
