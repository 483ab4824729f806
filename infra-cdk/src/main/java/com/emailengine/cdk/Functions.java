package com.emailengine.cdk;

import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.FunctionDefinition;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.ResourceUse;
import com.emailengine.platform.topology.SystemTopology;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;
import software.constructs.IDependable;

/**
 * Every function of the topology, from the one functions jar: Java 21 on Graviton (arm64, cheaper per
 * GB-second), memory, timeout and reserved concurrency from the definition, its own role holding only
 * what {@link FunctionPermissions} grants, its own log group with a retention, and an alias {@value #ALIAS}
 * on the latest published version, which is what routes, queues and schedules invoke.
 *
 * <p>SnapStart is on for the functions that scale out on demand (behind a route or a queue): each new
 * execution environment would otherwise pay JVM start, class loading, SDK client set-up and the config
 * read from S3 (seconds), and a burst of contacts opens many at once. It is off for functions fired only
 * by a schedule: a function invoked every minute keeps its environment warm, so a snapshot buys nothing
 * and would only lengthen every deployment by the snapshot's creation. SnapStart works on published
 * versions only, hence the alias.
 */
public final class Functions extends Construct {

    public static final String ALIAS = "live";
    /** The environment variable carrying {@link DeploymentSettings#configDigest()}. */
    public static final String CONFIG_DIGEST_SETTING = "EE_CONFIG_DIGEST";

    /** One deployed function: the function (settings, metrics) and the alias everything invokes. */
    public record Deployed(FunctionDefinition definition, Function function, Alias alias, Role role, LogGroup logGroup) {
    }

    private final Map<String, Deployed> deployed = new LinkedHashMap<>();

    public Functions(Construct scope, String id, SystemTopology topology, DeploymentSettings settings, Queues queues,
                     Buckets buckets, IDependable configUpload) {
        super(scope, id);
        ResourceNames names = settings.names();
        Code code = Code.fromAsset(settings.functionsJar().toString());
        for (FunctionDefinition definition : topology.functions()) {
            String functionName = names.function(definition.name());
            LogGroup logGroup = LogGroup.Builder.create(this, definition.name() + "-logs")
                    .logGroupName("/aws/lambda/" + functionName)
                    .retention(RetentionDays.ONE_MONTH)
                    .removalPolicy(RemovalPolicy.DESTROY)
                    .build();
            // An own role instead of the default one: the default carries AWSLambdaBasicExecutionRole, which
            // allows writing to every log group of the account.
            Role role = Role.Builder.create(this, definition.name() + "-role")
                    .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                    .description("Role of " + functionName + ": only the resources its definition uses")
                    .build();
            logGroup.grantWrite(role);
            Function.Builder builder = Function.Builder.create(this, definition.name())
                    .functionName(functionName)
                    .description(definition.handlerSimpleName() + " (" + settings.stage() + ")")
                    .runtime(Runtime.JAVA_21)
                    .architecture(Architecture.ARM_64)
                    .code(code)
                    .handler(definition.handlerReference())
                    .memorySize(definition.memoryMb())
                    .timeout(CloudDuration.of(definition.timeout()))
                    .role(role)
                    .logGroup(logGroup)
                    .environment(environment(definition, settings, queues, buckets));
            definition.reservedConcurrency().ifPresent(builder::reservedConcurrentExecutions);
            if (scalesOutOnDemand(topology, definition.name())) {
                builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
            }
            Function function = builder.build();
            // CDK warns that SnapStart needs published versions; the alias below publishes one per change.
            Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                    "the live alias points at currentVersion, published on every change");
            // The version's snapshot (and every cold start) reads the config bucket: upload the files first.
            function.getNode().addDependency(configUpload);
            Alias alias = Alias.Builder.create(this, definition.name() + "-" + ALIAS)
                    .aliasName(ALIAS)
                    .version(function.getCurrentVersion())
                    .build();
            deployed.put(definition.name(), new Deployed(definition, function, alias, role, logGroup));
        }
    }

    static boolean scalesOutOnDemand(SystemTopology topology, String function) {
        return topology.routes().stream().anyMatch(route -> route.function().equals(function))
                || topology.triggers().stream().anyMatch(trigger -> trigger.function().equals(function));
    }

    /**
     * The settings {@code FunctionDependencies} reads: the stage (table names follow from it), and the URL of
     * every queue and the name of every bucket the function uses, so no cold start calls GetQueueUrl.
     */
    private static Map<String, String> environment(FunctionDefinition definition, DeploymentSettings settings,
                                                   Queues queues, Buckets buckets) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(Settings.STAGE, settings.stage());
        environment.put(CONFIG_DIGEST_SETTING, settings.configDigest());
        for (ResourceUse use : definition.uses(ResourceUse.Kind.QUEUE)) {
            environment.put(ResourceNames.queueUrlSetting(use.name()), queues.queue(use.name()).getQueueUrl());
        }
        for (ResourceUse use : definition.uses(ResourceUse.Kind.BUCKET)) {
            environment.put(ResourceNames.bucketSetting(use.name()), buckets.bucket(use.name()).getBucketName());
        }
        return environment;
    }

    public Deployed get(String logicalName) {
        Deployed function = deployed.get(logicalName);
        if (function == null) {
            throw new IllegalArgumentException("the topology has no function " + logicalName);
        }
        return function;
    }

    public Iterable<Deployed> all() {
        return deployed.values();
    }
}
