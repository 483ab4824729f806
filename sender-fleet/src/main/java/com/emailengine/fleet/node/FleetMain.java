package com.emailengine.fleet.node;

import com.emailengine.core.config.ConfigException;
import com.emailengine.core.config.DeliveryPolicy;
import com.emailengine.fleet.signing.DkimMessageSigner;
import com.emailengine.platform.runtime.FleetSettingKeys;
import com.emailengine.platform.runtime.Log;
import com.emailengine.platform.runtime.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The sender node daemon: {@code java -jar email-engine-sender-fleet.jar [SETTINGS_FILE]}. Settings come
 * from the environment (on EC2, systemd loads {@code /etc/email-engine/fleet.env} written by the boot
 * script: stage, region, config bucket, queue URLs, DKIM key folder, node id and {@code EE_FLEET_ADDRESSES});
 * a settings file of {@code KEY=VALUE} lines, when given, supplies what the environment does not. The
 * configuration (tenants, throttles, warmup) is read from the config bucket, or from {@code EE_CONFIG_DIR}.
 * Unless set otherwise the node serves metrics on {@code :9464} and the bounce listener on {@code :25}.
 * It runs until SIGTERM, then finishes the messages in flight and gives its IP leases up.
 */
public final class FleetMain {

    static final String DEFAULT_METRICS = ":9464";
    static final String DEFAULT_BOUNCE_LISTENER = ":25";

    private FleetMain() {
    }

    public static void main(String[] args) {
        try {
            Settings settings = settings(args.length > 0 ? Optional.of(Path.of(args[0])) : Optional.empty(), System.getenv());
            run(settings);
        } catch (ConfigException e) {
            System.err.println("email-engine-fleet: configuration error: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException | IOException e) {
            if (System.getenv("EE_DEBUG") != null) {
                e.printStackTrace();
            }
            System.err.println("email-engine-fleet: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            System.exit(1);
        }
    }

    /** The environment over the file's values, with the daemon's defaults for what neither sets. */
    static Settings settings(Optional<Path> file, Map<String, String> environment) throws IOException {
        Map<String, String> values = new HashMap<>();
        values.put(FleetSettingKeys.METRICS, DEFAULT_METRICS);
        values.put(FleetSettingKeys.BOUNCE_LISTENER, DEFAULT_BOUNCE_LISTENER);
        if (file.isPresent()) {
            int number = 0;
            for (String line : Files.readAllLines(file.get(), StandardCharsets.UTF_8)) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                int equals = text.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException(file.get() + " line " + number + ": expected KEY=VALUE");
                }
                values.put(text.substring(0, equals).strip(), unquote(text.substring(equals + 1).strip()));
            }
        }
        environment.forEach((key, value) -> {
            if (key.startsWith("EE_") || key.startsWith("AWS_")) {
                values.put(key, value);
            }
        });
        return Settings.of(values);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))
                ? value.substring(1, value.length() - 1) : value;
    }

    static void run(Settings settings) {
        FleetNode node = start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Log.info("fleet", "node " + node.nodeId() + " stopping: finishing messages in flight, giving leases up");
            node.close();
            stopped.countDown();
        }, "ee-fleet-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builds and starts the node the settings describe: configuration, policy, DKIM keys, endpoints. */
    public static FleetNode start(Settings settings) {
        FleetSettings fleet = FleetSettings.from(settings);
        FleetDependencies cloud = new FleetDependencies(settings, Clock.systemUTC());
        DeliveryPolicy policy = DeliveryPolicy.load(cloud.configSource(), cloud.config().tenants());
        DkimMessageSigner signer = DkimMessageSigner.fromKeyDirectory(cloud.config().tenants(), fleet.dkimKeyDir(), cloud.clock());
        FleetNode node = FleetNode.start(fleet, cloud, signer, policy);
        Log.info("fleet", "node " + fleet.nodeId() + " running; metrics " + fleet.metricsAddress().map(Object::toString).orElse("off")
                + ", bounce listener " + fleet.bounceAddress().map(Object::toString).orElse("off"));
        return node;
    }
}
