package com.emailengine.bench.chaos;

import com.emailengine.emulators.cloud.CloudEndpoints;
import com.emailengine.local.LocalCloud;
import com.emailengine.local.LocalCloudOptions;
import com.emailengine.local.runtime.GatewayLimits;
import com.emailengine.platform.runtime.FleetSettingKeys;
import com.emailengine.platform.runtime.Settings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * The chaos harness's function host: the API gateway, the functions, their SQS pollers and the scheduler, over the
 * {@link ChaosCloud}'s emulators, with no sender node of its own (the nodes are processes of their own). It writes each
 * node's settings file ({@code node-<i>.env}, what the EC2 boot script writes into {@code fleet.env}) pointing the
 * nodes at the chaos cloud's DNS and SMTP sinks, with a short IP lease so that a dead node's addresses and messages
 * come back quickly.
 *
 * <p>Usage: {@code ChaosFunctionHost CONFIG_DIR WORK_DIR DKIM_DIR SQS DYNAMODB S3 DNS SMTP API_PORT NODES LEASE_SECONDS}.
 * Prints {@code READY api=<url> key=<manual source key>}, then runs until killed.
 */
public final class ChaosFunctionHost {

    private ChaosFunctionHost() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        Path work = Path.of(args[1]);
        Path dkim = Path.of(args[2]);
        CloudEndpoints endpoints = CloudEndpoints.forLocalAccount(URI.create(args[3]), URI.create(args[4]), URI.create(args[5]));
        String dns = args[6];
        String smtp = args[7];
        int apiPort = Integer.parseInt(args[8]);
        int nodes = Integer.parseInt(args[9]);
        String lease = args[10];
        LocalCloud cloud = LocalCloud.start(LocalCloudOptions.ephemeral(config, dkim, "127.0.41")
                .withExternalCloud(endpoints)
                .withSourceKeyDir(work.resolve("source-keys"))
                .withPorts(apiPort, 0, 0, 0, 0, 0)
                .withFleetNodes(0)
                .withGatewayLimits(new GatewayLimits(Duration.ofSeconds(20), 256, 1_000, 1_000)));
        for (int i = 1; i <= nodes; i++) {
            Map<String, String> node = cloud.fleetNodeSettings("chaos-node-" + i);
            node.put(Settings.DNS_RESOLVER, dns);
            node.put(FleetSettingKeys.SMTP_PORT, smtp);
            node.put(FleetSettingKeys.IP_LEASE, lease);
            node.put(FleetSettingKeys.METRICS, "off");
            node.put(FleetSettingKeys.BOUNCE_LISTENER, "off");
            // Each node's own share of the addresses, dealt in turn as FleetPlan deals them on EC2; the others take a
            // dead node's share over once its leases run out.
            node.put(FleetSettingKeys.ADDRESSES, String.join(",", dealt(cloud, i, nodes)));
            Files.writeString(work.resolve("node-" + i + ".env"), node.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
        }
        System.out.println("READY api=" + cloud.apiEndpoint() + " key=" + cloud.sourceKey("manual"));
        new CountDownLatch(1).await();
    }

    private static java.util.List<String> dealt(LocalCloud cloud, int node, int nodes) {
        java.util.List<String> all = cloud.config().tenants().all().stream()
                .flatMap(tenant -> tenant.pool().addresses().stream()).map(address -> address.ip()).toList();
        java.util.List<String> mine = new java.util.ArrayList<>();
        for (int i = node - 1; i < all.size(); i += nodes) {
            mine.add(all.get(i));
        }
        return mine;
    }
}
