package com.emailengine.adapters.fleetstate;

import com.emailengine.core.tenant.SendingAddress;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.core.tenant.Tenants;
import com.emailengine.core.warmup.WarmupDayStats;
import com.emailengine.core.warmup.WarmupPlan;
import com.emailengine.core.warmup.WarmupProgress;
import com.emailengine.core.warmup.WarmupStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What operators ask about the sending IPs ({@code email-engine warmup status}): per IP its lease holder,
 * warmup status and day, today's quota and today's traffic, read from the fleet-state table.
 */
public final class IpStatusReader {

    /**
     * One IP's line.
     *
     * @param node   the node holding the lease now, empty when none does
     * @param quota  today's warmup quota (all providers), 0 when warm or paused
     */
    public record IpStatus(String ip, String tenantId, String node, WarmupStatus status, int day, int quota,
                           WarmupDayStats today, String reason) {
    }

    private final IpLeases leases;
    private final WarmupRecords warmups;
    private final SendingQuotas quotas;

    public IpStatusReader(DynamoDbClient dynamo, String stateTable) {
        this.leases = new IpLeases(dynamo, stateTable);
        this.warmups = new WarmupRecords(dynamo, stateTable);
        this.quotas = new SendingQuotas(dynamo, stateTable);
    }

    public List<IpStatus> read(Tenants tenants, WarmupPlan plan, Instant now) {
        LocalDate today = FleetStateKeys.utcDate(now);
        List<String> ips = tenants.all().stream().flatMap(t -> t.pool().addresses().stream()).map(SendingAddress::ip).toList();
        Map<String, IpLeases.Lease> held = leases.read(ips);
        List<IpStatus> out = new ArrayList<>();
        for (Tenant tenant : tenants.all()) {
            for (SendingAddress address : tenant.pool().addresses()) {
                String ip = address.ip();
                Optional<WarmupProgress> progress = warmups.read(ip);
                WarmupStatus status = progress.map(WarmupProgress::status)
                        .orElse(plan.isWarm(ip) ? WarmupStatus.WARM : WarmupStatus.WARMING);
                int day = progress.map(WarmupProgress::day).orElse(1);
                int quota = status == WarmupStatus.WARMING ? plan.dailyQuota(day) : 0;
                IpLeases.Lease lease = held.get(ip);
                String node = lease != null && lease.liveAt(now) ? lease.node() : "";
                out.add(new IpStatus(ip, tenant.id(), node, status, day, quota, quotas.dayStats(ip, today),
                        progress.map(WarmupProgress::reason).orElse("not used yet")));
            }
        }
        return out;
    }
}
