package com.emailengine.fleet.signing;

import com.emailengine.core.dkim.DkimKey;
import com.emailengine.core.dkim.DkimKeyFiles;
import com.emailengine.core.dkim.DkimSigner;
import com.emailengine.core.dkim.DkimSigningPolicy;
import com.emailengine.core.tenant.DkimSelector;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.core.tenant.Tenants;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs each tenant's mail with the keys of every selector the tenant configures (normally one RSA and
 * one Ed25519: receivers that know Ed25519 check both, the rest check RSA). Signatures expire after a
 * week, long past any retry, so a replayed message cannot be passed off as fresh forever.
 */
public final class DkimMessageSigner implements MessageSigner {

    static final Duration SIGNATURE_LIFETIME = Duration.ofDays(7);

    private final Map<String, DkimSigner> byTenant;

    private DkimMessageSigner(Map<String, DkimSigner> byTenant) {
        this.byTenant = Map.copyOf(byTenant);
    }

    /** Loads the keys from PEM files and refuses to start when a configured selector has no key. */
    public static DkimMessageSigner fromKeyDirectory(Tenants tenants, Path directory, Clock clock) {
        return fromKeys(tenants, DkimKeyFiles.readAll(directory), clock, directory.toString());
    }

    public static DkimMessageSigner fromKeys(Tenants tenants, List<DkimKey> available, Clock clock, String where) {
        Map<String, DkimSigner> signers = new HashMap<>();
        FastEd25519 engine = new FastEd25519();
        for (Tenant tenant : tenants.all()) {
            List<DkimKey> keys = new ArrayList<>();
            for (DkimSelector selector : tenant.dkimSelectors()) {
                keys.add(selector.keyIn(available, tenant.sendingDomain())
                        .orElseThrow(() -> new IllegalStateException("no " + selector.algorithm() + " DKIM key for "
                                + selector.selector() + "._domainkey." + tenant.sendingDomain() + " in " + where)));
            }
            signers.put(tenant.id(), new DkimSigner(keys, DkimSigningPolicy.DEFAULT.expiringAfter(SIGNATURE_LIFETIME), clock, engine));
        }
        return new DkimMessageSigner(signers);
    }

    @Override
    public byte[] sign(Tenant tenant, byte[] message) {
        DkimSigner signer = byTenant.get(tenant.id());
        if (signer == null) {
            throw new IllegalStateException("no DKIM keys loaded for tenant " + tenant.id());
        }
        return signer.sign(message);
    }
}
