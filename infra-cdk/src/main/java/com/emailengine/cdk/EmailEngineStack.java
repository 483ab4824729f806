package com.emailengine.cdk;

import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;

/**
 * The whole serverless side of one stage, built from {@link SystemTopology} (the definition the local
 * cloud provisions from) for the stage's tenants: queues, tables, buckets, the stage's configuration files
 * in the config bucket, functions with least-privilege roles, the HTTP API, queue triggers, schedules and
 * alerting.
 */
public final class EmailEngineStack extends Stack {

    /** Where the functions read their configuration files in the config bucket ({@code EE_CONFIG_PREFIX}'s default). */
    public static final String CONFIG_PREFIX = "config/";

    private final SystemTopology topology;

    public EmailEngineStack(Construct scope, String id, StackProps props, DeploymentSettings settings) {
        super(scope, id, props);
        topology = SystemTopology.forTenants(settings.tenantIds());

        Queues queues = new Queues(this, "queues", topology, settings.names());
        Tables tables = new Tables(this, "tables", topology, settings.names());
        Buckets buckets = new Buckets(this, "buckets", topology, settings.names());
        BucketDeployment configUpload = BucketDeployment.Builder.create(this, "config-files")
                .sources(List.of(Source.asset(settings.configDirectory().toString())))
                .destinationBucket(buckets.bucket(SystemTopology.CONFIG_BUCKET))
                .destinationKeyPrefix(CONFIG_PREFIX)
                .build();

        Functions functions = new Functions(this, "functions", topology, settings, queues, buckets, configUpload);
        FunctionPermissions permissions = new FunctionPermissions(queues, tables, buckets);
        functions.all().forEach(permissions::grant);
        new SourceKeySecrets(this, "source-keys", settings, functions.get(SystemTopology.INGEST_FUNCTION));
        new MessageIdKeySecret(this, "message-id-key", settings, functions.get(SystemTopology.DUE_STEPS_FUNCTION));
        QueueTriggers.attach(topology, queues, functions);
        new Schedules(this, "schedules", topology, settings.names(), functions);
        PublicApi api = new PublicApi(this, "api", topology, settings.names(), settings.tenantIds(), functions);
        Alerting alerting = new Alerting(this, "alerting", topology, settings.names(), queues, functions,
                settings.tenantIds(), settings.alertEmail());

        CfnOutput.Builder.create(this, "ApiUrl").value(api.url()).description("base URL of the HTTP API").build();
        CfnOutput.Builder.create(this, "AlertTopic").value(alerting.topic().getTopicArn()).build();
        CfnOutput.Builder.create(this, "OperatorApiPolicy").value(api.operatorPolicy().getManagedPolicyArn())
                .description("attach to operators: it allows the operator routes of the API (SigV4)").build();
        api.tenantOperatorRoles().forEach((tenant, role) -> CfnOutput.Builder.create(this,
                        "OperatorRole" + ResourceNames.spfRecordOutput(tenant).substring("SpfRecord".length()))
                .value(role.getRoleArn()).description("assume to operate tenant " + tenant + " only (D42)").build());
        CfnOutput.Builder.create(this, "ConfigBucket")
                .value(buckets.bucket(SystemTopology.CONFIG_BUCKET).getBucketName())
                .description("configuration files under " + CONFIG_PREFIX + " (" + Settings.CONFIG_PREFIX + ")").build();
    }

    public SystemTopology topology() {
        return topology;
    }
}
