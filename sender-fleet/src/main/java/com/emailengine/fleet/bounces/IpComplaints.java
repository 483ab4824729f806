package com.emailengine.fleet.bounces;

import com.emailengine.adapters.fleetstate.FleetStateKeys;
import com.emailengine.adapters.fleetstate.SendingQuotas;
import com.emailengine.core.config.DeliveryPolicy;
import com.emailengine.core.tenant.SendingAddress;
import com.emailengine.core.tenant.Tenants;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Adds a verified complaint to the day's traffic of the sending address that sent the message, so the warm-up review
 * sees it (a complaint spike pauses the IP, a high rate holds the plan; {@code warmup.yaml}). The share
 * group is that of the provider whose feedback loop sent the report. A report that names no address of
 * ours (a forwarded one, or one about mail we did not send) changes no IP's record.
 */
public final class IpComplaints {

    private final SendingQuotas quotas;
    private final DeliveryPolicy policy;
    private final Set<String> poolAddresses;
    private final Clock clock;

    public IpComplaints(SendingQuotas quotas, DeliveryPolicy policy, Tenants tenants, Clock clock) {
        this.quotas = quotas;
        this.policy = policy;
        this.poolAddresses = tenants.all().stream().flatMap(t -> t.pool().addresses().stream()).map(SendingAddress::ip)
                .collect(Collectors.toUnmodifiableSet());
        this.clock = clock;
    }

    /**
     * @param sourceIp the address that sent the complained-of message, as the ledger recorded it (never what the
     *                 report claims: D40)
     * @param reporter the domain whose feedback loop sent the report (its provider's share group takes the count)
     * @return whether an IP's record took the complaint
     */
    public boolean count(String sourceIp, String reporter) {
        if (sourceIp == null || !poolAddresses.contains(sourceIp)) {
            return false;
        }
        String group = policy.warmup().shareGroup(policy.throttles().providerFor(reporter, reporter).name());
        LocalDate today = FleetStateKeys.utcDate(clock.instant());
        quotas.add(sourceIp, FleetStateKeys.day(today, group), Map.of("complaints", 1L), FleetStateKeys.dayItemExpiry(today));
        return true;
    }
}
