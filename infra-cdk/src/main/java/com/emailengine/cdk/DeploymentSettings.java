package com.emailengine.cdk;

import com.emailengine.cdk.fleet.InstanceCapacity;
import com.emailengine.core.config.DirectoryConfigSource;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.platform.topology.ResourceNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import software.constructs.Node;

/**
 * What one deployment is built from, read from CDK context: {@code -c stage=prod} (required), and
 * optionally {@code -c configDir=...} (default {@code ../config/<stage>}), {@code -c functionsJar=...}
 * (default {@code ../functions/target/email-engine-functions.jar}), {@code -c fleetJar=...} (default
 * {@code ../sender-fleet/target/email-engine-sender-fleet.jar}), {@code -c fleetInstanceType=...} (default
 * {@value InstanceCapacity#DEFAULT_TYPE}) and {@code -c alertEmail=...}.
 * Relative paths are taken from the working directory, {@code infra-cdk/} when the CDK CLI runs the app.
 * No account id appears here: account and region come from the credentials the CLI deploys with.
 *
 * @param configDirectory the stage's configuration folder; its files are uploaded to the config bucket
 * @param config          that folder read and cross-checked, so a bad file fails the synth, not the first Lambda
 */
public record DeploymentSettings(ResourceNames names, Path configDirectory, EngineConfig config, Path functionsJar,
                                 Optional<String> alertEmail, Path fleetJar, InstanceCapacity fleetInstance) {

    public static final String STAGE = "stage";
    public static final String CONFIG_DIR = "configDir";
    public static final String FUNCTIONS_JAR = "functionsJar";
    public static final String ALERT_EMAIL = "alertEmail";
    public static final String FLEET_JAR = "fleetJar";
    public static final String FLEET_INSTANCE_TYPE = "fleetInstanceType";

    public DeploymentSettings {
        requireFile(functionsJar, "functions", FUNCTIONS_JAR);
        requireFile(fleetJar, "sender-fleet", FLEET_JAR);
    }

    private static void requireFile(Path jar, String module, String contextKey) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("the " + module + " jar " + jar.toAbsolutePath()
                    + " does not exist: build it first (mvn -pl " + module + " -am package -DskipTests) or pass -c "
                    + contextKey + "=<path>");
        }
    }

    public static DeploymentSettings fromContext(Node node) {
        String stage = context(node, STAGE).orElseThrow(() -> new IllegalArgumentException(
                "no stage: run with -c " + STAGE + "=<stage>, e.g. cdk synth -c stage=prod"));
        ResourceNames names = new ResourceNames(stage);
        Path configDir = Path.of(context(node, CONFIG_DIR).orElse("../config/" + stage));
        if (!Files.isDirectory(configDir)) {
            throw new IllegalArgumentException("the configuration folder " + configDir.toAbsolutePath()
                    + " of stage " + stage + " does not exist: create it or pass -c " + CONFIG_DIR + "=<folder>");
        }
        EngineConfig config = EngineConfig.load(new DirectoryConfigSource(configDir));
        Path jar = Path.of(context(node, FUNCTIONS_JAR).orElse("../functions/target/email-engine-functions.jar"));
        Path fleetJar = Path.of(context(node, FLEET_JAR).orElse("../sender-fleet/target/email-engine-sender-fleet.jar"));
        InstanceCapacity fleetInstance = InstanceCapacity.of(context(node, FLEET_INSTANCE_TYPE).orElse(InstanceCapacity.DEFAULT_TYPE));
        return new DeploymentSettings(names, configDir, config, jar, context(node, ALERT_EMAIL), fleetJar, fleetInstance);
    }

    public String stage() {
        return names.stage();
    }

    public List<String> tenantIds() {
        return config.tenants().ids();
    }

    /**
     * A digest of every file in the configuration folder. Functions carry it in their environment, so a
     * configuration change publishes new versions, whose SnapStart snapshots load the new files.
     */
    public String configDigest() {
        try (Stream<Path> files = Files.walk(configDirectory)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                sha.update(configDirectory.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(file));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + configDirectory, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> context(Node node, String key) {
        Object value = node.tryGetContext(key);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().strip());
    }
}
