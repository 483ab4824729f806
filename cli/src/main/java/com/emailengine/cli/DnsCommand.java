package com.emailengine.cli;

import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.dkim.DkimKey;
import com.emailengine.core.dkim.DkimKeyFiles;
import com.emailengine.core.dns.DnsRecord;
import com.emailengine.core.dns.TenantDomainRecords;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.emulators.internet.LocalSendingDomains;
import com.emailengine.platform.topology.ResourceNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code email-engine dns records DOMAIN}: the records a tenant's sending domain must publish. */
@Command(name = "dns", description = "DNS that sending domains need.", subcommands = DnsCommand.Records.class)
final class DnsCommand {

    @Command(name = "records", description = "Print, as zone-file lines, the DKIM, SPF, DMARC and return-path records "
            + "a tenant's sending domain must publish.")
    static final class Records implements Runnable {

        @Parameters(paramLabel = "DOMAIN", description = "the tenant's sending domain, e.g. sos-expat.test")
        String domain;

        @Mixin
        ConfigOption config;

        @Option(names = "--dkim-dir", description = "folder of the DKIM private keys (default: local-data/dkim of the checkout)")
        Path dkimDir;

        @Option(names = "--generate-keys", description = "create the keys of selectors that have none yet")
        boolean generate;

        @Override
        public void run() {
            Path home = EmailEngineCli.home();
            Path configDir = config.dir();
            Path keys = dkimDir != null ? dkimDir : home.resolve("local-data/dkim");
            EngineConfig engine = config.engine();
            String wanted = domain.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
            Tenant tenant = engine.tenants().all().stream().filter(t -> t.sendingDomain().equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no tenant sends from " + wanted + " in " + configDir
                            + " (sending domains: " + engine.tenants().all().stream().map(Tenant::sendingDomain).toList() + ")"));
            List<DkimKey> available = DkimKeyFiles.readAll(keys);
            List<DkimKey> tenantKeys;
            if (generate) {
                tenantKeys = LocalSendingDomains.ensureKeys(tenant, available, keys);
            } else {
                tenantKeys = tenant.dkimSelectors().stream().map(selector -> selector.keyIn(available, tenant.sendingDomain())
                        .orElseThrow(() -> new IllegalArgumentException("no DKIM key for selector " + selector.selector()
                                + " in " + keys + "; run again with --generate-keys to create it"))).toList();
            }
            System.out.println("; Records for " + tenant.sendingDomain() + " (tenant " + tenant.id() + "), TTL in seconds.");
            System.out.println("; Also needed, in the fleet's own zones: an A record for " + tenant.returnPathMx()
                    + " and a PTR record naming each sending IP's EHLO name.");
            if (tenant.pool().addresses().stream().anyMatch(a -> a.address().isSiteLocalAddress())) {
                // In the cloud the pool lists the private addresses the nodes bind; receivers see the Elastic IPs.
                System.out.println("; WARNING: the pool lists private addresses; the SPF record below must name the Elastic IPs"
                        + " mapped to them instead: the fleet stack's output " + ResourceNames.spfRecordOutput(tenant.id())
                        + " is that record (or: aws ec2 describe-addresses --filters Name=tag:ee:tenant,Values=" + tenant.id()
                        + " --query 'Addresses[].PublicIp')");
            }
            for (DnsRecord record : TenantDomainRecords.of(tenant, tenantKeys).records()) {
                System.out.println(record.zoneFileLine());
            }
        }
    }
}
