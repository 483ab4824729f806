package com.emailengine.core.dns;

import com.emailengine.core.dkim.DkimKey;
import com.emailengine.core.names.DomainName;
import com.emailengine.core.tenant.SendingAddress;
import com.emailengine.core.tenant.Tenant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a tenant's sending domain must publish, from its configuration and its DKIM keys. */
public final class TenantDomainRecords {

    private TenantDomainRecords() {
    }

    /** @param keys the tenant's keys, one per configured selector */
    public static SendingDomainRecords of(Tenant tenant, List<DkimKey> keys) {
        return new SendingDomainRecords(DomainName.of(tenant.sendingDomain()), keys,
                tenant.pool().addresses().stream().map(SendingAddress::address).toList(), List.of(),
                Optional.of(ReturnPathDomain.of(tenant.returnPathDomain(), tenant.returnPathMx())),
                DmarcPolicy.of(DmarcPolicy.Disposition.valueOf(tenant.dmarcPolicy().toUpperCase(Locale.ROOT)),
                        tenant.dmarcReports()));
    }
}
