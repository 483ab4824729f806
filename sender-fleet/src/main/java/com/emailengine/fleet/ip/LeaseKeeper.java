package com.emailengine.fleet.ip;

import com.emailengine.adapters.fleetstate.IpLeases;
import com.emailengine.adapters.fleetstate.SendingQuotas;
import com.emailengine.adapters.fleetstate.WarmupRecords;
import com.emailengine.core.config.DeliveryPolicy;
import com.emailengine.core.tenant.SendingAddress;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.core.tenant.Tenants;
import com.emailengine.fleet.metrics.FleetMetrics;
import com.emailengine.platform.runtime.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Keeps this node's IP leases: on every heartbeat it renews the leases it holds, takes its home addresses
 * (asking another holder to hand them back), and takes over the addresses of any node whose leases ran
 * out. An address it holds but another node calls home is handed back (and left alone for two lease times,
 * so the home node gets it). So each IP is used by one node at a time, and a dead node's IPs move to the
 * living within one lease time plus one heartbeat (on EC2, plus the minute or so the OS takes to pick a moved
 * address up). It also writes each IP's traffic counts on every heartbeat.
 *
 * <p>An address this machine cannot bind is moved here by the {@link AddressMover} (on EC2: onto one of the
 * node's interfaces), and so is an address a home node takes back from the node that took it over. The move
 * happens while this node holds the lease, so two nodes never move one address at once; a refused move gives
 * the lease up at once (and the address is tried again after two lease times). A moved address is sent from
 * only once the bind check passes; until then its lease is held and renewed, and given up if the OS has not
 * picked the address up within {@link #OS_PICKUP}. No node sends from an address it cannot bind.
 *
 * <p>Thread-safe: {@link #tick} runs on one scheduler thread; the accessors may be called from any.
 */
public final class LeaseKeeper {

    /**
     * How long a moved address's lease is held waiting for the OS to carry it: amazon-ec2-net-utils refreshes an
     * interface's addresses from the instance metadata every 60-65 s, and the metadata lags the move by seconds.
     */
    static final Duration OS_PICKUP = Duration.ofMinutes(3);

    private final IpLeases leases;
    private final String node;
    private final Duration ttl;
    private final boolean takeover;
    private final Clock clock;
    private final Set<String> home;
    private final Map<String, SendingIp> byIp = new LinkedHashMap<>();
    private final Map<String, List<SendingIp>> byTenant = new LinkedHashMap<>();
    private final AddressMover mover;
    private final BindCheck bindCheck;
    /** Moved here, lease held, waiting for the OS to carry the address. */
    private final Map<String, Arrival> arriving = new ConcurrentHashMap<>();
    /**
     * Addresses this node leaves to others until then: a refused move is not retried at every heartbeat, and
     * an address handed back to its home node is not taken over again before that node could take it.
     * Heartbeat thread only.
     */
    private final Map<String, Instant> leaveUntil = new HashMap<>();
    /** Home addresses this node asked another holder to hand back. Heartbeat thread only. */
    private final Set<String> askedBack = new HashSet<>();
    private final Instant started;

    private record Arrival(IpLeases.Lease lease, Instant giveUpAt) {
    }

    /**
     * @param home     the addresses this node prefers (its own interfaces); empty means every pool address
     * @param takeover whether to take the addresses of dead nodes (when they can be bound or moved here)
     */
    LeaseKeeper(IpLeases leases, Tenants tenants, Set<String> home, String node, Duration ttl, boolean takeover, Clock clock,
                AddressMover mover, BindCheck bindCheck, BiFunction<SendingAddress, Tenant, SendingIp> sendingIp) {
        this.leases = leases;
        this.mover = mover;
        this.bindCheck = bindCheck;
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
     * The lease keeper of a node whose addresses never move (the local cloud): the bind check alone decides.
     * See {@link #create(DynamoDbClient, String, Tenants, DeliveryPolicy, LeaseSettings, FleetMetrics, Clock,
     * ScheduledExecutorService, AddressMover, BindCheck)}.
     */
    public static LeaseKeeper create(DynamoDbClient dynamo, String stateTable, Tenants tenants, DeliveryPolicy policy,
                                     LeaseSettings settings, FleetMetrics metrics, Clock clock, ScheduledExecutorService watchdog) {
        return create(dynamo, stateTable, tenants, policy, settings, metrics, clock, watchdog, new LocalAddressMover(BindCheck.SOCKET),
                BindCheck.SOCKET);
    }

    /**
     * The lease keeper of a node with its IPs' state: leases, quotas and warmup records in the fleet-state
     * table, connection slots per provider sized by the throttles, addresses moved here by {@code mover} and
     * sent from once {@code bindCheck} passes. Call {@link #tick} to take the leases.
     */
    public static LeaseKeeper create(DynamoDbClient dynamo, String stateTable, Tenants tenants, DeliveryPolicy policy,
                                     LeaseSettings settings, FleetMetrics metrics, Clock clock, ScheduledExecutorService watchdog,
                                     AddressMover mover, BindCheck bindCheck) {
        SendingQuotas quotas = new SendingQuotas(dynamo, stateTable);
        WarmupRecords warmups = new WarmupRecords(dynamo, stateTable);
        return new LeaseKeeper(new IpLeases(dynamo, stateTable), tenants, new HashSet<>(settings.homeAddresses()), settings.nodeId(),
                settings.ipLease(), settings.takeover(), clock, mover, bindCheck,
                (address, tenant) -> new SendingIp(address, tenant.id(), policy.warmup(), quotas, warmups, metrics, clock,
                        (source, limits) -> new ConnectionSlots(source, limits.maxConnections(), settings.smtpPort(),
                                settings.smtpTimeout(), watchdog)));
    }

    /** Renews, hands back, acquires and takes over; then writes pending traffic counts. Never throws. */
    public void tick() {
        try {
            renewHeld();
            settleArrivals();
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
                leaveUntil.put(ip.ip(), now.plus(ttl.multipliedBy(2)));
            } else {
                ip.leased(renewed.get());
            }
        }
        for (Map.Entry<String, Arrival> entry : List.copyOf(arriving.entrySet())) {
            String ip = entry.getKey();
            Optional<IpLeases.Lease> renewed = leases.renew(entry.getValue().lease(), now, ttl);
            if (renewed.isEmpty()) {
                Log.warn("fleet", "node " + node + " lost the lease of " + ip + " while waiting for the OS to carry it");
                arriving.remove(ip);
            } else if (renewed.get().wantedBy().isPresent() && !home.contains(ip)) {
                Log.info("fleet", "node " + node + " hands " + ip + " back to " + renewed.get().wantedBy().get() + " before using it");
                arriving.remove(ip);
                leases.release(renewed.get());
                leaveUntil.put(ip, now.plus(ttl.multipliedBy(2)));
            } else {
                arriving.put(ip, new Arrival(renewed.get(), entry.getValue().giveUpAt()));
            }
        }
    }

    /** Moved addresses the OS now carries become usable; those it did not pick up in time are given up. */
    private void settleArrivals() {
        Instant now = clock.instant();
        for (Map.Entry<String, Arrival> entry : List.copyOf(arriving.entrySet())) {
            String ip = entry.getKey();
            Arrival arrival = entry.getValue();
            if (bindCheck.canBind(ip)) {
                arriving.remove(ip);
                use(ip, arrival.lease(), home.contains(ip) ? " (moved back)" : " (moved here)");
            } else if (!now.isBefore(arrival.giveUpAt())) {
                Log.warn("fleet", "node " + node + ": the OS did not carry " + ip + " within " + OS_PICKUP + " of its move; lease given up");
                arriving.remove(ip);
                leases.release(arrival.lease());
                leaveUntil.put(ip, now.plus(ttl.multipliedBy(2)));
            }
        }
    }

    private void acquireFree() {
        Instant now = clock.instant();
        // Moves call the cloud; past a third of the lease time the rest waits for the next heartbeat, so that
        // renewals of the leases held never fall behind.
        long movesUntil = System.nanoTime() + ttl.toNanos() / 3;
        List<String> notHeld = byIp.values().stream().filter(ip -> ip.lease().isEmpty()).map(SendingIp::ip)
                .filter(ip -> !arriving.containsKey(ip)).toList();
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
                askedBack.add(ip);
                continue;
            }
            // Another node's address: only once it is free, and not in this node's first lease time, so that
            // nodes starting together each find their own addresses first.
            boolean mayTake = mine || takeover && settled;
            if (!free || !mayTake || leaveUntil.getOrDefault(ip, Instant.MIN).isAfter(now)) {
                continue;
            }
            // Taken back from the node that had taken it over: it must leave that node's interface even if a
            // stale copy of it still binds here.
            boolean move = mine && askedBack.contains(ip) || !bindCheck.canBind(ip);
            if (move && System.nanoTime() > movesUntil) {
                continue;
            }
            Optional<IpLeases.Lease> acquired = leases.acquire(ip, node, now, ttl);
            if (acquired.isEmpty()) {
                continue;
            }
            askedBack.remove(ip);
            if (move) {
                moveHere(ip, acquired.get(), now);
            } else {
                use(ip, acquired.get(), mine ? "" : " (taken over)");
            }
        }
    }

    /** With the lease held: move the address here, or give the lease up at once if it cannot come. */
    private void moveHere(String ip, IpLeases.Lease held, Instant now) {
        boolean moved;
        try {
            moved = mover.makeBindable(ip);
        } catch (RuntimeException e) {
            Log.warn("fleet", "node " + node + ": moving " + ip + " here failed: " + e);
            moved = false;
        }
        if (!moved) {
            Log.info("fleet", "node " + node + " cannot bind " + ip + " nor move it here; lease given up, tried again after "
                    + ttl.multipliedBy(2));
            leases.release(held);
            leaveUntil.put(ip, now.plus(ttl.multipliedBy(2)));
        } else if (bindCheck.canBind(ip)) {
            use(ip, held, home.contains(ip) ? " (moved back)" : " (moved here)");
        } else {
            Log.info("fleet", "node " + node + " moved " + ip + " here, token " + held.token() + "; waiting for the OS to carry it");
            arriving.put(ip, new Arrival(held, now.plus(OS_PICKUP)));
        }
    }

    private void use(String ip, IpLeases.Lease held, String how) {
        Log.info("fleet", "node " + node + " leased " + ip + how + ", token " + held.token());
        byIp.get(ip).leased(held);
    }

    /** The tenant's IPs this node may send from now. */
    public List<SendingIp> usable(String tenantId, Instant now) {
        return byTenant.getOrDefault(tenantId, List.of()).stream().filter(ip -> ip.usable(now)).toList();
    }

    /** Every IP of every pool, leased here or not. */
    public List<SendingIp> all() {
        return List.copyOf(byIp.values());
    }

    /** The IPs whose lease this node holds now. */
    public List<SendingIp> leased() {
        return byIp.values().stream().filter(ip -> ip.lease().isPresent()).toList();
    }

    /** The addresses this node holds now. */
    public List<String> held() {
        return byIp.values().stream().filter(ip -> ip.lease().isPresent()).map(SendingIp::ip).toList();
    }

    public void closeIdleConnections(Duration idle) {
        Instant before = clock.instant().minus(idle);
        byIp.values().forEach(ip -> ip.closeIdleConnections(before));
    }

    /** Writes counts, closes connections and gives every lease up, so other nodes take the IPs at once. */
    public void releaseAll() {
        for (Arrival arrival : List.copyOf(arriving.values())) {
            arriving.remove(arrival.lease().ip());
            try {
                leases.release(arrival.lease());
            } catch (RuntimeException e) {
                Log.warn("fleet", "lease of " + arrival.lease().ip() + " runs out by itself: " + e);
            }
        }
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
