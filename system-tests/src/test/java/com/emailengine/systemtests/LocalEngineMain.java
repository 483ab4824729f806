package com.emailengine.systemtests;

import com.emailengine.local.LocalCloud;
import com.emailengine.local.LocalCloudOptions;
import com.emailengine.platform.runtime.FleetSettingKeys;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The local engine in a JVM of its own, for scenarios that stop it as an operator does (SIGTERM): {@code config-dir
 * data-dir dkim-dir sink-prefix}. Prints one line {@code READY api=<url> dynamodb=<url> key=<manual source key>}, then
 * runs until the JVM is told to exit; the cloud stops itself in order from its shutdown hook.
 */
public final class LocalEngineMain {

    private LocalEngineMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalCloudOptions options = LocalCloudOptions.ephemeral(Path.of(args[0]), Path.of(args[2]), args[3])
                .withDataDir(Path.of(args[1]))
                // A heartbeat every 100 s: the traffic counts are still the node's own when it is told to stop.
                .withSetting(FleetSettingKeys.IP_LEASE, "300");
        LocalCloud cloud = LocalCloud.start(options);
        System.out.println("READY api=" + cloud.apiEndpoint() + " dynamodb=" + cloud.cloudEndpoints().dynamoDb()
                + " key=" + cloud.sourceKey("manual"));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
