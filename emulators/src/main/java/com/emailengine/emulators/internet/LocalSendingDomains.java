package com.emailengine.emulators.internet;

import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.dkim.DkimAlgorithm;
import com.emailengine.core.dkim.DkimKey;
import com.emailengine.core.dkim.DkimKeyFiles;
import com.emailengine.core.dns.TenantDomainRecords;
import com.emailengine.core.tenant.DkimSelector;
import com.emailengine.core.tenant.Tenant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives every local tenant what a real sending domain has: DKIM keys (generated once into the key folder
 * and kept, so .eml files from earlier runs still verify) and the DKIM, SPF, DMARC and return-path records
 * published in the local DNS, exactly as {@code email-engine dns records} tells an operator to publish them.
 */
public final class LocalSendingDomains {

    private LocalSendingDomains() {
    }

    public static void publish(EngineConfig config, Path keyDirectory, DnsZone zone) {
        List<DkimKey> existing = DkimKeyFiles.readAll(keyDirectory);
        for (Tenant tenant : config.tenants().all()) {
            List<DkimKey> keys = ensureKeys(tenant, existing, keyDirectory);
            zone.addZone(tenant.sendingDomain());
            zone.addAll(TenantDomainRecords.of(tenant, keys).records());
        }
    }

    /** The tenant's key for each selector, generating and saving the missing ones. */
    public static List<DkimKey> ensureKeys(Tenant tenant, List<DkimKey> existing, Path keyDirectory) {
        List<DkimKey> keys = new ArrayList<>();
        for (DkimSelector selector : tenant.dkimSelectors()) {
            DkimAlgorithm algorithm = DkimAlgorithm.fromTag(selector.algorithm()).orElseThrow();
            DkimKey key = selector.keyIn(existing, tenant.sendingDomain())
                    .orElseGet(() -> {
                        DkimKey generated = DkimKey.generate(tenant.sendingDomain(), selector.selector(), algorithm);
                        DkimKeyFiles.write(generated, keyDirectory);
                        return generated;
                    });
            keys.add(key);
        }
        return keys;
    }
}
