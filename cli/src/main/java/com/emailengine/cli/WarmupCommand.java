package com.emailengine.cli;

import com.emailengine.adapters.fleetstate.IpStatusReader;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.warmup.WarmupPlan;
import com.emailengine.emulators.cloud.LocalAccount;
import com.emailengine.platform.aws.AwsClients;
import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code email-engine warmup plan|status}: the configured warmup plan, and where every IP stands in it. */
@Command(name = "warmup", description = "The IP warmup: the plan, and each IP's day, quota, sent and deferred.",
        subcommands = {WarmupCommand.Plan.class, WarmupCommand.Status.class})
final class WarmupCommand {

    @Command(name = "plan", description = "Print the warmup plan of warmup.yaml: daily volume per IP, split per provider.")
    static final class Plan implements Runnable {

        @Mixin
        ConfigOption config;

        @Override
        public void run() {
            EngineConfig engine = config.engine();
            WarmupPlan plan = config.policy(engine).warmup();
            List<String> groups = plan.providerShare().keySet().stream().sorted((a, b) -> a.equals(WarmupPlan.OTHERS) ? 1
                    : b.equals(WarmupPlan.OTHERS) ? -1 : a.compareTo(b)).toList();
            StringBuilder header = new StringBuilder(String.format("%-5s %-5s %9s", "week", "day", "per IP"));
            groups.forEach(g -> header.append(String.format(" %10s", g + " " + plan.providerShare().get(g) + "%")));
            System.out.println(header);
            for (int day = 1; day <= plan.days(); day++) {
                StringBuilder line = new StringBuilder(String.format("%-5d %-5d %9d", (day - 1) / 7 + 1, day, plan.dailyQuota(day)));
                for (String group : groups) {
                    line.append(String.format(" %10d", plan.providerQuota(day, group)));
                }
                System.out.println(line);
            }
            int ips = engine.tenants().all().stream().mapToInt(t -> t.pool().addresses().size()).sum();
            System.out.printf("After day %d an IP is warm. %d IP(s) in the pools, %d declared warm. Day %d of all of them: %,d messages.%n",
                    plan.days(), ips, plan.warmAddresses().size(), plan.days(), (long) ips * plan.dailyQuota(plan.days()));
            System.out.printf("Advance when yesterday's quota was used >= %.0f%%, bounces <= %.1f%%, complaints <= %.2f%%;"
                            + " step back when throttled > %.0f%%; pause on a blocking reply or complaints > %.2f%%.%n",
                    100 * plan.thresholds().minSentShare(), 100 * plan.thresholds().maxBounceRate(),
                    100 * plan.thresholds().maxComplaintRate(), 100 * plan.thresholds().maxThrottledRate(),
                    100 * plan.thresholds().pauseComplaintRate());
        }
    }

    @Command(name = "status", description = "Each IP's lease holder, warmup status and day, today's quota, sent, deferred and bounced,"
            + " read from the fleet-state table of a stage.")
    static final class Status implements Runnable {

        @Mixin
        ConfigOption config;

        @Option(names = "--stage", defaultValue = "local", description = "the stage whose table is read (default: ${DEFAULT-VALUE})")
        String stage;

        @Option(names = "--aws-endpoint", description = "DynamoDB endpoint, e.g. http://127.0.0.1:8000 for `email-engine local`"
                + " (default: AWS with the default credentials and region)")
        String endpoint;

        @Override
        public void run() {
            EngineConfig engine = config.engine();
            WarmupPlan plan = config.policy(engine).warmup();
            Map<String, String> values = new HashMap<>();
            values.put(Settings.STAGE, stage);
            if (endpoint != null) {
                values.put(Settings.DYNAMODB_ENDPOINT, endpoint);
                values.put(Settings.REGION, LocalAccount.REGION);
                values.put(Settings.ACCESS_KEY_ID, LocalAccount.ACCESS_KEY_ID);
                values.put(Settings.SECRET_ACCESS_KEY, LocalAccount.SECRET_ACCESS_KEY);
            }
            try (AwsClients aws = new AwsClients(Settings.of(values)); DynamoDbClient dynamo = aws.dynamoDb()) {
                String table = new ResourceNames(stage).table(SystemTopology.FLEET_STATE_TABLE);
                List<IpStatusReader.IpStatus> rows = new IpStatusReader(dynamo, table).read(engine.tenants(), plan, Instant.now());
                System.out.printf("%-16s %-12s %-14s %-8s %4s %7s %7s %8s %7s  %s%n", "ip", "tenant", "node", "status", "day", "quota",
                        "sent", "deferred", "bounced", "last decision");
                for (IpStatusReader.IpStatus row : rows) {
                    System.out.printf("%-16s %-12s %-14s %-8s %4s %7s %7d %8d %7d  %s%n", row.ip(), row.tenantId(),
                            row.node().isEmpty() ? "-" : row.node(), row.status().wireName(),
                            row.status() == com.emailengine.core.warmup.WarmupStatus.WARM ? "-" : Integer.toString(row.day()),
                            row.quota() == 0 ? "-" : Integer.toString(row.quota()), row.today().attempts(), row.today().deferred(),
                            row.today().bounced(), row.reason());
                }
            }
        }
    }
}
