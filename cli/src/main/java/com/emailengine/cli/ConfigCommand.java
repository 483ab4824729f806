package com.emailengine.cli;

import com.emailengine.core.config.DeliveryPolicy;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.tenant.Tenant;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code email-engine config check}: validates the configuration files and summarizes them. */
@Command(name = "config", description = "Work with the configuration files.", subcommands = ConfigCommand.Check.class)
final class ConfigCommand {

    @Command(name = "check", description = "Validate tenants.yaml, campaigns.yaml, sources.yaml, routing.yaml, throttles.yaml and warmup.yaml; errors name the file and line.")
    static final class Check implements Runnable {

        @Mixin
        ConfigOption config;

        @Override
        public void run() {
            Path dir = config.dir();
            EngineConfig engine = config.engine();
            System.out.println(dir + ": valid");
            for (Tenant tenant : engine.tenants().all()) {
                System.out.printf("  tenant %-12s domain %-20s %3d IPs  %d DKIM selector(s)  welcome campaign: %s%n",
                        tenant.id(), tenant.sendingDomain(), tenant.pool().addresses().size(), tenant.dkimSelectors().size(),
                        tenant.welcomeCampaign());
            }
            System.out.println("  " + engine.campaigns().all().size() + " campaign(s)");
            for (var source : engine.sources().all()) {
                System.out.printf("  source %-14s feeds %s  (%s)%n", source.id(), String.join(", ", source.tenants()),
                        source.auth().stream().map(m -> m.wireName()).sorted().collect(java.util.stream.Collectors.joining(", ")));
            }
            System.out.println("  " + engine.routing().router().rules().size() + " routing rule(s), "
                    + engine.routing().categorizer().rules().size() + " categor" + (engine.routing().categorizer().rules().size() == 1 ? "y" : "ies"));
            DeliveryPolicy policy = config.policy(engine);
            System.out.println("  providers " + policy.throttles().providerNames() + ", warmup plan of " + policy.warmup().days()
                    + " days (day 1: " + policy.warmup().dailyQuota(1) + " per IP)");
        }
    }
}
