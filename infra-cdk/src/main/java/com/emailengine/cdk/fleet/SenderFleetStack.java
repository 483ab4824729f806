package com.emailengine.cdk.fleet;

import com.emailengine.cdk.Buckets;
import com.emailengine.cdk.DeploymentSettings;
import com.emailengine.core.tenant.DkimSelector;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.platform.runtime.FleetSettingKeys;
import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.QueueDefinition;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.ec2.AmazonLinux2023ImageSsmParameterProps;
import software.amazon.awscdk.services.ec2.AmazonLinuxCpuType;
import software.amazon.awscdk.services.ec2.MachineImage;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * The sender fleet of one stage, a stack of its own (its lifecycle is the machines', not the functions'):
 * network, one {@link SenderNode} per node of the {@link FleetPlan}, one Secrets Manager secret per DKIM key
 * of the configuration, the daemon's log group, and alarms for a node down and for the daemon's heartbeat.
 * It finds the serverless stack's queues, tables, config bucket and alert topic by their names.
 */
public final class SenderFleetStack extends Stack {

    /** The node's name, {@code ee-<stage>-node-<n>}: its log stream, its ledger claims. */
    public static final String NODE_ID_SETTING = FleetSettingKeys.NODE_ID;
    /** The private addresses attached to this node, comma-separated: the only ones it may bind to. */
    public static final String ADDRESSES_SETTING = "EE_FLEET_ADDRESSES";
    public static final String METRICS_NAMESPACE = "EmailEngine/Fleet";

    static final List<String> QUEUE_CONSUME = List.of("sqs:ReceiveMessage", "sqs:DeleteMessage",
            "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes");
    static final List<String> LEDGER = List.of("dynamodb:GetItem", "dynamodb:UpdateItem");
    /** Leases, warmup records, quota reservations and traffic counts per IP (IpLeases, WarmupRecords, SendingQuotas). */
    static final List<String> FLEET_STATE = List.of("dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:BatchGetItem",
            "dynamodb:Query");

    private final FleetPlan plan;
    private final List<SenderNode> nodes = new ArrayList<>();

    public SenderFleetStack(Construct scope, String id, StackProps props, DeploymentSettings settings) {
        super(scope, id, props);
        ResourceNames names = settings.names();
        SystemTopology topology = SystemTopology.forTenants(settings.tenantIds());
        plan = FleetPlan.of(settings.config().tenants(), settings.fleetInstance());
        FleetArns arns = new FleetArns(this);
        FleetNetwork network = new FleetNetwork(this, "network", plan, settings.stage());

        LogGroup logGroup = LogGroup.Builder.create(this, "logs")
                .logGroupName("/email-engine/" + settings.stage() + "/fleet")
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Asset jar = Asset.Builder.create(this, "daemon-jar").path(settings.fleetJar().toString()).build();

        Map<String, String> dkimSecrets = new LinkedHashMap<>();
        List<String> secretArns = new ArrayList<>();
        for (Tenant tenant : settings.config().tenants().all()) {
            for (DkimSelector selector : tenant.dkimSelectors()) {
                String keyName = selector.selector() + "._domainkey." + tenant.sendingDomain();
                // Created with a random placeholder, which the daemon refuses as a key: an operator puts the
                // real PEM (DkimKeyFiles format) with put-secret-value before the fleet can sign.
                Secret secret = Secret.Builder.create(this, "dkim-" + keyName)
                        .secretName("ee/" + settings.stage() + "/dkim/" + keyName)
                        .description(selector.algorithm() + " DKIM key of " + keyName + " (PEM with DKIM-Domain/Selector/Algorithm headers)")
                        .removalPolicy(RemovalPolicy.RETAIN)
                        .build();
                dkimSecrets.put(keyName + ".pem", secret.getSecretArn());
                secretArns.add(secret.getSecretArn());
            }
        }

        String configBucket = Buckets.cloudName(names, SystemTopology.CONFIG_BUCKET, getAccount());
        List<String> outboundArns = new ArrayList<>();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(Settings.STAGE, settings.stage());
        environment.put(Settings.REGION, getRegion());
        environment.put(ResourceNames.bucketSetting(SystemTopology.CONFIG_BUCKET), configBucket);
        for (QueueDefinition queue : topology.queues()) {
            if (queue.name().startsWith(SystemTopology.OUTBOUND_QUEUE_PREFIX)) {
                outboundArns.add(arns.queue(names.queue(queue.name())));
                environment.put(ResourceNames.queueUrlSetting(queue.name()), arns.queueUrl(names.queue(queue.name())));
            }
        }
        environment.put(ResourceNames.queueUrlSetting(SystemTopology.EVENTS_QUEUE), arns.queueUrl(names.queue(SystemTopology.EVENTS_QUEUE)));
        // The bounce listener stores raw DSN/ARF messages and announces them (FleetNode, bounce listener on :25).
        String rawBounces = Buckets.cloudName(names, SystemTopology.RAW_BOUNCES_BUCKET, getAccount());
        environment.put(ResourceNames.bucketSetting(SystemTopology.RAW_BOUNCES_BUCKET), rawBounces);
        environment.put(ResourceNames.queueUrlSetting(SystemTopology.INBOUND_BOUNCES_QUEUE),
                arns.queueUrl(names.queue(SystemTopology.INBOUND_BOUNCES_QUEUE)));
        environment.put(FleetSettingKeys.DKIM_KEY_DIR, NodeBootScript.DKIM_DIR);
        // Complaint counts reach CloudWatch through the agent's EMF listener, for the complaint-rate alarms.
        environment.put(FleetSettingKeys.EMF, "127.0.0.1:" + NodeBootScript.EMF_PORT);
        environment.put(FleetSettingKeys.EMF_LOG_GROUP, logGroup.getLogGroupName());

        List<PolicyStatement> statements = List.of(
                allow(QUEUE_CONSUME, outboundArns),
                allow(List.of("sqs:SendMessage"), List.of(arns.queue(names.queue(SystemTopology.EVENTS_QUEUE)))),
                allow(LEDGER, List.of(arns.table(names.table(SystemTopology.MESSAGES_TABLE)))),
                allow(FLEET_STATE, List.of(arns.table(names.table(SystemTopology.FLEET_STATE_TABLE)))),
                allow(List.of("sqs:SendMessage"), List.of(arns.queue(names.queue(SystemTopology.INBOUND_BOUNCES_QUEUE)))),
                allow(List.of("s3:PutObject"), List.of(arns.bucket(rawBounces) + "/*")),
                allow(List.of("s3:GetObject"), List.of(arns.bucket(configBucket) + "/*")),
                allow(List.of("s3:ListBucket"), List.of(arns.bucket(configBucket))),
                allow(List.of("s3:GetObject"), List.of(jar.getBucket().arnForObjects(jar.getS3ObjectKey()))),
                allow(List.of("secretsmanager:GetSecretValue"), secretArns),
                allow(List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"), List.of(logGroup.getLogGroupArn())),
                // PutMetricData has no resource-level permission; the condition keeps nodes to their namespace.
                PolicyStatement.Builder.create().actions(List.of("cloudwatch:PutMetricData")).resources(List.of("*"))
                        .conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace", METRICS_NAMESPACE))).build());

        // Resolved at deploy time; a new Amazon Linux release replaces the nodes one at a time on the next deploy.
        String imageId = MachineImage.latestAmazonLinux2023(AmazonLinux2023ImageSsmParameterProps.builder()
                .cpuType(AmazonLinuxCpuType.ARM_64).build()).getImage(this).getImageId();
        ITopic alerts = Topic.fromTopicArn(this, "alerts", arns.topic("ee-" + settings.stage() + "-alerts"));
        SenderNode previous = null;
        for (NodePlan node : plan.nodes()) {
            String name = "ee-" + settings.stage() + "-node-" + node.number();
            SenderNode sender = new SenderNode(this, "node-" + node.number(), new SenderNode.NodeSpec(name, settings.stage(), node, network,
                    arns, getRegion(), imageId, settings.fleetInstance(), jar.getS3ObjectUrl(), dkimSecrets,
                    environment, logGroup.getLogGroupName(), statements));
            if (previous != null) {
                // One node at a time: a deployment that replaces nodes never takes two down together.
                sender.group().addDependency(previous.group());
            }
            alarm(alerts, "ee-" + settings.stage() + "-" + "node-" + node.number() + "-down",
                    name + " has no instance in service", Metric.Builder.create()
                            .namespace("AWS/AutoScaling").metricName("GroupInServiceInstances")
                            .dimensionsMap(Map.of("AutoScalingGroupName", name))
                            .statistic("Minimum").period(Duration.minutes(5)).build(), "node-down-" + node.number());
            nodes.add(sender);
            previous = sender;
        }
        alarm(alerts, "ee-" + settings.stage() + "-fleet-heartbeat",
                "a sender node's daemon is not running, or no node reports at all", Metric.Builder.create()
                        .namespace(METRICS_NAMESPACE).metricName("procstat_lookup_pid_count")
                        .dimensionsMap(Map.of("pattern", NodeBootScript.PROCESS_PATTERN, "pid_finder", "native"))
                        .statistic("Minimum").period(Duration.minutes(5)).build(), "heartbeat");

        Map<String, List<String>> spf = new LinkedHashMap<>();
        nodes.forEach(n -> n.publicAddresses().forEach((tenant, refs) -> spf.computeIfAbsent(tenant, t -> new ArrayList<>()).addAll(refs)));
        spf.forEach((tenant, refs) -> CfnOutput.Builder.create(this, ResourceNames.spfRecordOutput(tenant))
                .value(Fn.join("", List.of("v=spf1 ", Fn.join(" ", refs.stream().map(ref -> "ip4:" + ref).toList()), " -all")))
                .description("the SPF TXT record of " + tenant + "'s return-path domain: its Elastic IPs (split into strings of at most "
                        + "255 characters where the DNS host asks)").build());
        CfnOutput.Builder.create(this, "SendingAddresses").value(Integer.toString(plan.addressCount()))
                .description("sending addresses (Elastic IPs tagged ee:private-ip, ee:stage, ee:ehlo, ee:tenant) on "
                        + plan.nodes().size() + " x " + settings.fleetInstance().instanceType()).build();
    }

    private void alarm(ITopic alerts, String alarmName, String description, Metric metric, String id) {
        Alarm alarm = Alarm.Builder.create(this, "alarm-" + id)
                .alarmName(alarmName)
                .alarmDescription(description)
                .metric(metric)
                .threshold(1)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .evaluationPeriods(1)
                // Silence is the symptom here: no data means no node and no daemon.
                .treatMissingData(TreatMissingData.BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(alerts));
        alarm.addOkAction(new SnsAction(alerts));
    }

    private static PolicyStatement allow(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().actions(actions).resources(resources).build();
    }

    public FleetPlan plan() {
        return plan;
    }

    List<SenderNode> nodes() {
        return List.copyOf(nodes);
    }
}
