package com.emailengine.cdk;

import com.emailengine.cdk.fleet.SenderFleetStack;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.assertions.Template;

/**
 * The stacks of stage {@code prod} for the production-shaped test configuration, synthesized once per test
 * JVM (a synth costs seconds) and shared by the test classes, with plain-map access to their templates
 * (this object answers for the serverless stack, {@link #fleetJson} for the fleet's).
 */
final class ProdStack extends TemplateJson {

    static final String STAGE = "prod";
    static final String CONFIG_DIR = "src/test/resources/config/prod";
    /** Stand-ins for the jars the stacks deploy: the CDK only hashes and uploads them, and infra-cdk must not depend on the modules that build them. */
    static final String FUNCTIONS_JAR = standInJar("email-engine-functions.jar");
    static final String FLEET_JAR = standInJar("email-engine-sender-fleet.jar");

    private static ProdStack synthesized;

    final EmailEngineStack stack;
    final SenderFleetStack fleet;
    final Template template;
    final Template fleetTemplate;
    final TemplateJson fleetJson;
    final SystemTopology topology;
    final ResourceNames names = new ResourceNames(STAGE);

    private ProdStack() {
        this(App.Builder.create().context(Map.of(DeploymentSettings.STAGE, STAGE,
                DeploymentSettings.CONFIG_DIR, CONFIG_DIR, DeploymentSettings.FUNCTIONS_JAR, FUNCTIONS_JAR,
                DeploymentSettings.FLEET_JAR, FLEET_JAR, DeploymentSettings.ALERT_EMAIL, "ops@example.com")).build());
    }

    private ProdStack(App app) {
        this(EmailEngineApp.build(app, Environment.builder().build()));
    }

    private ProdStack(EmailEngineApp.Stacks stacks) {
        this(stacks, Template.fromStack(stacks.serverless()), Template.fromStack(stacks.fleet()));
    }

    private ProdStack(EmailEngineApp.Stacks stacks, Template template, Template fleetTemplate) {
        super(template.toJSON());
        this.stack = stacks.serverless();
        this.fleet = stacks.fleet();
        this.template = template;
        this.fleetTemplate = fleetTemplate;
        this.fleetJson = new TemplateJson(fleetTemplate.toJSON());
        this.topology = stack.topology();
    }

    private static String standInJar(String name) {
        try {
            Path jar = Path.of("target", "stand-in-jars", name);
            Files.createDirectories(jar.getParent());
            Files.writeString(jar, "stand-in for " + name + " in the CDK tests\n");
            return jar.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized ProdStack get() {
        if (synthesized == null) {
            synthesized = new ProdStack();
        }
        return synthesized;
    }

    /** The bucket whose name is {@code ee-<stage>-<logical>-<account>}. */
    @SuppressWarnings("unchecked")
    String bucketLogicalId(String logicalName) {
        String prefix = names.bucket(logicalName) + "-";
        return resources("AWS::S3::Bucket").entrySet().stream().filter(e -> {
            Object name = properties(e.getValue()).get("BucketName");
            if (!(name instanceof Map<?, ?> join) || !(join.get("Fn::Join") instanceof List<?> parts)) {
                return false;
            }
            List<Object> pieces = (List<Object>) parts.get(1);
            return prefix.equals(pieces.get(0)) && pieces.size() == 2;
        }).map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no bucket " + prefix + "<account>"));
    }

    /** The logical id of the topology function with this logical name. */
    String functionLogicalId(String logicalName) {
        return logicalId("AWS::Lambda::Function", "FunctionName", names.function(logicalName));
    }

}
