package com.emailengine.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.cdk.fleet.FleetPlan;
import com.emailengine.cdk.fleet.InterfacePlan;
import com.emailengine.cdk.fleet.NodePlan;
import com.emailengine.cdk.fleet.SenderFleetStack;
import com.emailengine.platform.runtime.FleetSettingKeys;
import com.emailengine.platform.topology.ElasticIpTags;
import com.emailengine.platform.topology.QueueDefinition;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class SenderFleetStackTest {

    /** The condition that narrows a node's Elastic IP permissions to its stage's addresses. */
    private static final Map<String, Object> STAGE_ELASTIC_IPS = Map.of("StringEquals",
            Map.of("ec2:ResourceTag/" + ElasticIpTags.STAGE, "prod"));

    private final ProdStack prod = ProdStack.get();
    private final TemplateJson fleet = prod.fleetJson;
    private final FleetPlan plan = prod.fleet.plan();

    @Test
    void eachTenantGetsItsSpfRecordNamingItsElasticIpsAsAnOutput() {
        Map<String, Map<String, Object>> outputs = prod.fleetTemplate.findOutputs("*");
        for (String tenant : List.of("sos-expat", "ulixai")) {
            Map<?, ?> output = (Map<?, ?>) outputs.get(ResourceNames.spfRecordOutput(tenant));
            assertThat(output).as(tenant).isNotNull();
            String value = output.get("Value").toString();
            long addresses = plan.nodes().stream().flatMap(n -> n.addresses().stream()).filter(a -> a.tenantId().equals(tenant)).count();
            assertThat(value).startsWith("{Fn::Join=[, [v=spf1 ").endsWith(" -all]]}");
            assertThat(value.split("ip4:", -1)).hasSize((int) addresses + 1);
            assertThat(value).doesNotContain("127.").doesNotContain("10.0.");
        }
        assertThat(ResourceNames.spfRecordOutput("sos-expat")).isEqualTo("SpfRecordSosExpat");
    }

    @Test
    void eachPlannedNodeIsAGroupOfExactlyOneInstanceReplacedOneNodeAtATime() {
        assertThat(plan.nodes()).hasSize(5);
        prod.fleetTemplate.resourceCountIs("AWS::AutoScaling::AutoScalingGroup", plan.nodes().size());
        String previous = null;
        for (NodePlan node : plan.nodes()) {
            String name = "ee-prod-node-" + node.number();
            String id = fleet.logicalId("AWS::AutoScaling::AutoScalingGroup", "AutoScalingGroupName", name);
            Map<String, Object> group = fleet.resources("AWS::AutoScaling::AutoScalingGroup").get(id);
            assertThat(TemplateJson.properties(group)).containsEntry("MinSize", "1").containsEntry("MaxSize", "1");
            assertThat(group.get("UpdatePolicy")).isEqualTo(Map.of("AutoScalingRollingUpdate",
                    Map.of("MinInstancesInService", 0, "MaxBatchSize", 1)));
            if (previous != null) {
                assertThat(TemplateJson.list(group.get("DependsOn"))).contains(previous);
            }
            previous = id;
        }
    }

    @Test
    void everyConfiguredAddressIsFixedOnAnInterfaceWithItsOwnRetainedElasticIp() {
        Set<String> configured = new HashSet<>();
        prod.fleet.plan().nodes().forEach(n -> n.addresses().forEach(a -> configured.add(a.privateIp())));
        assertThat(configured).hasSize(100);
        prod.fleetTemplate.resourceCountIs("AWS::EC2::EIP", 100);
        prod.fleetTemplate.allResources("AWS::EC2::EIP", Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));

        Map<String, Set<String>> addressesByInterface = new java.util.HashMap<>();
        fleet.resources("AWS::EC2::NetworkInterface").forEach((id, eni) -> addressesByInterface.put(id,
                ((List<?>) TemplateJson.properties(eni).get("PrivateIpAddresses")).stream()
                        .map(a -> (String) ((Map<?, ?>) a).get("PrivateIpAddress")).collect(Collectors.toSet())));
        List<String> associated = new ArrayList<>();
        Set<String> eipsUsed = new HashSet<>();
        for (Map<String, Object> association : fleet.propertiesOf("AWS::EC2::EIPAssociation")) {
            String ip = (String) association.get("PrivateIpAddress");
            String eni = TemplateJson.referencedIds(association.get("NetworkInterfaceId")).iterator().next();
            assertThat(addressesByInterface.get(eni)).as("interface holding %s", ip).contains(ip);
            eipsUsed.addAll(TemplateJson.referencedIds(association.get("AllocationId")));
            associated.add(ip);
        }
        assertThat(associated).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(configured);
        assertThat(eipsUsed).hasSize(100);
    }

    @Test
    void interfacesStayWithinTheInstanceTypesLimits() {
        prod.fleetTemplate.resourceCountIs("AWS::EC2::NetworkInterface", 10);
        assertThat(fleet.propertiesOf("AWS::EC2::NetworkInterface")).allSatisfy(eni ->
                assertThat((List<?>) eni.get("PrivateIpAddresses")).hasSizeLessThanOrEqualTo(10));
        prod.fleetTemplate.allResourcesProperties("AWS::EC2::LaunchTemplate", Map.of("LaunchTemplateData",
                Match.objectLike(Map.of("InstanceType", "c7g.large"))));
        // A node's own interface (device 0) comes from its launch template; device 1 and 2 carry the addresses.
        assertThat(plan.nodes()).allSatisfy(node -> assertThat(node.interfaces()).hasSize(2));
    }

    @Test
    void oneSubnetHoldsThePoolAndRoutesToAnInternetGatewayWithoutNat() {
        prod.fleetTemplate.hasResourceProperties("AWS::EC2::VPC", Map.of("CidrBlock", "10.20.0.0/16"));
        prod.fleetTemplate.resourceCountIs("AWS::EC2::Subnet", 1);
        prod.fleetTemplate.hasResourceProperties("AWS::EC2::Subnet", Map.of("CidrBlock", "10.20.1.0/24", "MapPublicIpOnLaunch", true));
        String gateway = fleet.resources("AWS::EC2::InternetGateway").keySet().iterator().next();
        prod.fleetTemplate.hasResourceProperties("AWS::EC2::Route", Map.of("DestinationCidrBlock", "0.0.0.0/0",
                "GatewayId", Map.of("Ref", gateway)));
        prod.fleetTemplate.resourceCountIs("AWS::EC2::NatGateway", 0);
    }

    @Test
    void sendingInterfacesSpeakSmtpBothWaysAndNothingElse() {
        String sending = groupFor("AWS::EC2::NetworkInterface");
        Map<String, Object> group = TemplateJson.properties(fleet.resources("AWS::EC2::SecurityGroup").get(sending));
        assertThat(TemplateJson.list(group.get("SecurityGroupEgress"))).singleElement().satisfies(rule -> assertThat(map(rule))
                .containsEntry("IpProtocol", "tcp").containsEntry("FromPort", 25).containsEntry("ToPort", 25).containsEntry("CidrIp", "0.0.0.0/0"));
        assertThat(TemplateJson.list(group.get("SecurityGroupIngress"))).singleElement().satisfies(rule -> assertThat(map(rule))
                .containsEntry("IpProtocol", "tcp").containsEntry("FromPort", 25).containsEntry("ToPort", 25));
    }

    @Test
    void aNodesOwnInterfaceTakesNoInboundAndOnlyHttpsAndDnsOut() {
        Set<String> sending = Set.of(groupFor("AWS::EC2::NetworkInterface"));
        Map<String, Object> group = fleet.resources("AWS::EC2::SecurityGroup").entrySet().stream()
                .filter(e -> !sending.contains(e.getKey())).map(e -> TemplateJson.properties(e.getValue())).findFirst().orElseThrow();
        assertThat(group).doesNotContainKey("SecurityGroupIngress");
        assertThat((List<?>) group.get("SecurityGroupEgress")).extracting(rule -> ((Map<?, ?>) rule).get("FromPort") + "/"
                + ((Map<?, ?>) rule).get("IpProtocol") + " " + ((Map<?, ?>) rule).get("CidrIp"))
                .containsExactlyInAnyOrder("443/tcp 0.0.0.0/0", "53/udp 10.20.0.2/32", "53/tcp 10.20.0.2/32");
    }

    @Test
    void nodesRequireImdsV2AndEncryptedDisksAndRunArmAmazonLinux() {
        prod.fleetTemplate.allResourcesProperties("AWS::EC2::LaunchTemplate", Map.of("LaunchTemplateData", Match.objectLike(Map.of(
                "MetadataOptions", Map.of("HttpTokens", "required", "HttpPutResponseHopLimit", 1, "HttpEndpoint", "enabled"),
                "BlockDeviceMappings", List.of(Match.objectLike(Map.of("Ebs", Match.objectLike(Map.of("Encrypted", true)))))))));
        assertThat(prod.fleetTemplate.toJSON().get("Parameters").toString()).contains("al2023-ami-kernel-6.1-arm64");
    }

    @Test
    void theBootScriptAttachesTheNodesInterfacesFetchesKeysStartsTheDaemonAndShipsItsLog() {
        String template = fleet.logicalId("AWS::EC2::LaunchTemplate", "LaunchTemplateName", "ee-prod-node-1");
        String script = render(((Map<?, ?>) ((Map<?, ?>) TemplateJson.properties(fleet.resources("AWS::EC2::LaunchTemplate").get(template))
                .get("LaunchTemplateData")).get("UserData")).get("Fn::Base64"));
        String node = "node1";
        List<String> ownInterfaces = fleet.resources("AWS::EC2::NetworkInterface").keySet().stream().filter(id -> id.startsWith(node)).toList();
        assertThat(ownInterfaces).hasSize(2);
        for (String eni : ownInterfaces) {
            assertThat(script).containsPattern("attach '\\{" + eni + "\\}' [12]");
        }
        assertThat(script).contains("EE_FLEET_NODE_ID=ee-prod-node-1", "EE_STAGE=prod", "EE_DKIM_KEY_DIR=/etc/email-engine/dkim",
                "EE_QUEUE_URL_OUTBOUND_SOS_EXPAT=https://sqs.", "/ee-prod-outbound-sos-expat", "EE_QUEUE_URL_EVENTS=",
                "systemctl enable --now email-engine-fleet", "amazon-cloudwatch-agent-ctl -a fetch-config",
                "X-aws-ec2-metadata-token", "ee2026r._domainkey.mail.sos-expat.example.pem",
                // complaint counts reach CloudWatch through the agent's EMF listener
                "EE_FLEET_EMF=127.0.0.1:25888", "EE_FLEET_EMF_LOG_GROUP=", "\"metrics_collected\":{\"emf\":{}}");
        Matcher addresses = Pattern.compile(SenderFleetStack.ADDRESSES_SETTING + "=(\\S+)").matcher(script);
        assertThat(addresses.find()).isTrue();
        assertThat(addresses.group(1).split(",")).containsExactlyElementsOf(plan.nodes().get(0).addresses().stream()
                .map(a -> a.privateIp()).toList());
        for (InterfacePlan eni : plan.nodes().get(0).interfaces()) {
            String id = ownInterfaces.stream().filter(i -> i.startsWith(node + "interface" + eni.deviceIndex())).findFirst().orElseThrow();
            assertThat(script).contains("{" + id + "}=" + String.join(",", eni.addresses().stream().map(a -> a.privateIp()).toList()));
        }
        Matcher interfaces = Pattern.compile(FleetSettingKeys.INTERFACES + "=(\\S+)").matcher(script);
        assertThat(interfaces.find()).isTrue();
        assertThat(interfaces.group(1).split(";")).hasSize(2);
        assertThat(script).contains(FleetSettingKeys.ADDRESSES_PER_INTERFACE + "=10");
        // amazon-ec2-net-utils configures moved addresses; the daemon needs no network administration.
        assertThat(script).contains("AmbientCapabilities=CAP_NET_BIND_SERVICE").doesNotContain("CAP_NET_ADMIN");
        assertThat(script.length()).as("user data limit is 16 KB").isLessThan(16 * 1024);
    }

    @Test
    void nodeRolesHoldNoWildcardBeyondWhatAwsForces() {
        for (String role : fleet.resources("AWS::IAM::Role").keySet()) {
            assertThat(fleet.statementsOfRole(role)).isNotEmpty().allSatisfy(statement -> {
                assertThat(TemplateJson.list(statement.get("Action"))).allSatisfy(a -> assertThat((String) a).doesNotContain("*"));
                List<Object> resources = TemplateJson.list(statement.get("Resource"));
                if (resources.contains("*") && statement.get("Action").equals("cloudwatch:PutMetricData")) {
                    // PutMetricData has no resource-level permission: the namespace condition narrows it.
                    assertThat(statement.get("Condition")).isEqualTo(Map.of("StringEquals",
                            Map.of("cloudwatch:namespace", SenderFleetStack.METRICS_NAMESPACE)));
                } else if (resources.contains("*")) {
                    // Nor do EC2's Describe actions; they only read.
                    assertThat(TemplateJson.list(statement.get("Action"))).containsExactlyInAnyOrder("ec2:DescribeAddresses",
                            "ec2:DescribeNetworkInterfaces");
                }
                if (render(resources).contains(":instance/*")) {
                    assertThat(statement.get("Condition").toString()).contains("ec2:InstanceProfile");
                }
                if (render(resources).contains(":elastic-ip/*")) {
                    assertThat(statement.get("Condition")).isEqualTo(STAGE_ELASTIC_IPS);
                }
            });
        }
    }

    @Test
    void aNodeMayAttachOnlyItsOwnInterfaces() {
        for (NodePlan node : plan.nodes()) {
            String prefix = "node" + node.number();
            String role = fleet.resources("AWS::IAM::Role").keySet().stream().filter(id -> id.startsWith(prefix + "role")).findFirst().orElseThrow();
            Set<String> attachable = fleet.statementsOfRole(role).stream()
                    .filter(s -> TemplateJson.list(s.get("Action")).contains("ec2:AttachNetworkInterface"))
                    .flatMap(s -> TemplateJson.referencedIds(s.get("Resource")).stream()).collect(Collectors.toSet());
            assertThat(attachable).isNotEmpty().allSatisfy(id -> assertThat(id).startsWith(prefix + "interface"));
            assertThat(attachable).hasSize(node.interfaces().size());
        }
    }

    @Test
    void aNodeMayMoveAddressesOnlyOntoItsOwnInterfacesAndOnlyTheStagesElasticIps() {
        for (NodePlan node : plan.nodes()) {
            String prefix = "node" + node.number();
            String role = fleet.resources("AWS::IAM::Role").keySet().stream().filter(id -> id.startsWith(prefix + "role")).findFirst().orElseThrow();
            List<Map<String, Object>> statements = fleet.statementsOfRole(role);

            Set<String> assignable = idsGranted(statements, "ec2:AssignPrivateIpAddresses");
            assertThat(assignable).hasSize(node.interfaces().size()).allSatisfy(id -> assertThat(id).startsWith(prefix + "interface"));
            List<Map<String, Object>> associating = granting(statements, "ec2:AssociateAddress");
            assertThat(associating).allSatisfy(statement -> {
                if (render(statement.get("Resource")).contains(":elastic-ip/")) {
                    assertThat(TemplateJson.list(statement.get("Resource"))).singleElement()
                            .satisfies(eips -> assertThat(render(eips)).endsWith(":elastic-ip/*"));
                    assertThat(statement.get("Condition")).isEqualTo(STAGE_ELASTIC_IPS);
                } else {
                    assertThat(TemplateJson.referencedIds(statement.get("Resource"))).isEqualTo(assignable);
                }
            });
            assertThat(associating).extracting(s -> render(s.get("Resource")).contains(":elastic-ip/*")).containsExactlyInAnyOrder(true, false);
            assertThat(granting(statements, "ec2:DescribeAddresses")).singleElement()
                    .satisfies(statement -> assertThat(statement.get("Resource")).isEqualTo("*"));
            assertThat(granting(statements, "ec2:DescribeNetworkInterfaces")).singleElement()
                    .satisfies(statement -> assertThat(statement.get("Resource")).isEqualTo("*"));
            assertThat(granting(statements, "ec2:UnassignPrivateIpAddresses")).as("reassignment needs no unassign").isEmpty();
            assertThat(statements).flatExtracting(s -> TemplateJson.list(s.get("Action"))).filteredOn(a -> ((String) a).startsWith("ec2:"))
                    .containsOnly("ec2:AttachNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:AssociateAddress",
                            "ec2:DescribeAddresses", "ec2:DescribeNetworkInterfaces");
        }
    }

    @Test
    void everyElasticIpCarriesTheTagsTheMoverFindsItBy() {
        Map<String, String> privateIpOfEip = new HashMap<>();
        for (Map<String, Object> association : fleet.propertiesOf("AWS::EC2::EIPAssociation")) {
            privateIpOfEip.put(TemplateJson.referencedIds(association.get("AllocationId")).iterator().next(),
                    (String) association.get("PrivateIpAddress"));
        }
        assertThat(privateIpOfEip).hasSize(100);
        fleet.resources("AWS::EC2::EIP").forEach((id, eip) -> {
            Map<Object, Object> tags = TemplateJson.list(TemplateJson.properties(eip).get("Tags")).stream().map(SenderFleetStackTest::map)
                    .collect(Collectors.toMap(tag -> tag.get("Key"), tag -> tag.get("Value")));
            assertThat(tags).as("tags of %s", id).containsEntry(ElasticIpTags.PRIVATE_IP, privateIpOfEip.get(id))
                    .containsEntry(ElasticIpTags.STAGE, "prod");
        });
    }

    @Test
    void everyNodeRolesInlinePoliciesFitIamsLimitOnceIdsAreResolved() {
        // IAM allows a role 10,240 characters of inline policy (white space not counted). Resolved with
        // identifiers as long as real ones, a node's policies must fit; the stage's 100 Elastic IPs are
        // therefore granted by tag, not listed (their ARNs alone would add about 7,500 characters).
        for (String role : fleet.resources("AWS::IAM::Role").keySet()) {
            StringBuilder policies = new StringBuilder();
            for (Map<String, Object> policy : fleet.resources("AWS::IAM::Policy").values()) {
                Map<String, Object> props = TemplateJson.properties(policy);
                if (TemplateJson.list(props.get("Roles")).contains(Map.of("Ref", role))) {
                    policies.append(resolved(props.get("PolicyDocument")));
                }
            }
            assertThat(policies.toString().replaceAll("\\s", "").length()).as("inline policies of %s", role).isLessThan(10_240 * 3 / 4);
        }
    }

    /** A template value as the JSON IAM would see: pseudo parameters and resource ids at realistic lengths. */
    private static String resolved(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.get("Fn::Join") instanceof List<?> join) {
                String joined = ((List<?>) join.get(1)).stream().map(SenderFleetStackTest::text).collect(Collectors.joining((String) join.get(0)));
                return "\"" + joined + "\"";
            }
            if (map.size() == 1 && (map.containsKey("Ref") || map.containsKey("Fn::GetAtt"))) {
                return "\"" + text(value) + "\"";
            }
            return map.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + resolved(e.getValue())).collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SenderFleetStackTest::resolved).collect(Collectors.joining(",", "[", "]"));
        }
        return "\"" + value + "\"";
    }

    private static String text(Object part) {
        if (part instanceof Map<?, ?> map && map.get("Ref") instanceof String ref) {
            return switch (ref) {
                case "AWS::Partition" -> "aws";
                case "AWS::Region" -> "ap-southeast-2";
                case "AWS::AccountId" -> "123456789012";
                case "AWS::URLSuffix" -> "amazonaws.com";
                default -> ref.contains("interface") ? "eni-0123456789abcdef0" : "x".repeat(120);
            };
        }
        if (part instanceof Map<?, ?> map && map.containsKey("Fn::GetAtt")) {
            return "x".repeat(120);
        }
        if (part instanceof Map<?, ?> || part instanceof List<?>) {
            return resolved(part);
        }
        return String.valueOf(part);
    }

    private static List<Map<String, Object>> granting(List<Map<String, Object>> statements, String action) {
        return statements.stream().filter(s -> TemplateJson.list(s.get("Action")).contains(action)).toList();
    }

    private static Set<String> idsGranted(List<Map<String, Object>> statements, String action) {
        return granting(statements, action).stream().flatMap(s -> TemplateJson.referencedIds(s.get("Resource")).stream())
                .collect(Collectors.toSet());
    }

    @Test
    void theFleetReachesTheServerlessStacksResourcesByTheirRealNames() {
        String roles = render(fleet.statementsOfRole(fleet.resources("AWS::IAM::Role").keySet().iterator().next()));
        Set<String> serverlessQueues = prod.propertiesOf("AWS::SQS::Queue").stream().map(q -> (String) q.get("QueueName")).collect(Collectors.toSet());
        for (QueueDefinition queue : prod.topology.queues()) {
            if (queue.name().startsWith(SystemTopology.OUTBOUND_QUEUE_PREFIX)) {
                assertThat(roles).contains(":" + prod.names.queue(queue.name()));
                assertThat(serverlessQueues).contains(prod.names.queue(queue.name()));
            }
        }
        assertThat(roles).contains(":" + prod.names.queue(SystemTopology.EVENTS_QUEUE),
                ":table/" + prod.names.table(SystemTopology.MESSAGES_TABLE), ":s3:::ee-prod-config-{AWS::AccountId}/*",
                ":table/" + prod.names.table(SystemTopology.FLEET_STATE_TABLE), ":" + prod.names.queue(SystemTopology.INBOUND_BOUNCES_QUEUE),
                ":s3:::ee-prod-raw-bounces-{AWS::AccountId}/*");
        prod.template.hasResourceProperties("AWS::DynamoDB::Table", Map.of("TableName", prod.names.table(SystemTopology.MESSAGES_TABLE)));
        assertThat(roles).doesNotContain(":" + prod.names.queue(SystemTopology.CONTACTS_QUEUE) + "\"")
                .doesNotContain("table/" + prod.names.table(SystemTopology.CONTACTS_TABLE));
        prod.fleetTemplate.resourceCountIs("AWS::SQS::Queue", 0);
        prod.fleetTemplate.resourceCountIs("AWS::DynamoDB::Table", 0);
        prod.fleetTemplate.resourceCountIs("AWS::S3::Bucket", 0);
        assertThat(prod.fleet.getDependencies()).contains(prod.stack);
    }

    @Test
    void everyDkimKeyOfTheConfigurationHasARetainedSecret() {
        prod.fleetTemplate.resourceCountIs("AWS::SecretsManager::Secret", 4);
        for (String name : List.of("ee2026r._domainkey.mail.sos-expat.example", "ee2026e._domainkey.mail.sos-expat.example",
                "ee2026r._domainkey.mail.ulixai.example", "ee2026e._domainkey.mail.ulixai.example")) {
            prod.fleetTemplate.hasResource("AWS::SecretsManager::Secret", Map.of("DeletionPolicy", "Retain",
                    "Properties", Match.objectLike(Map.of("Name", "ee/prod/dkim/" + name))));
        }
    }

    @Test
    void aNodeDownOrASilentDaemonRaisesAnAlarmOnTheAlertTopic() {
        prod.fleetTemplate.resourceCountIs("AWS::CloudWatch::Alarm", plan.nodes().size() + 1);
        assertThat(fleet.propertiesOf("AWS::CloudWatch::Alarm")).allSatisfy(alarm -> {
            assertThat(alarm).containsEntry("TreatMissingData", "breaching").containsEntry("ComparisonOperator", "LessThanThreshold");
            assertThat(render(alarm.get("AlarmActions"))).endsWith(":ee-prod-alerts]");
        });
        for (NodePlan node : plan.nodes()) {
            prod.fleetTemplate.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "GroupInServiceInstances",
                    "Dimensions", List.of(Map.of("Name", "AutoScalingGroupName", "Value", "ee-prod-node-" + node.number()))));
        }
        prod.fleetTemplate.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", SenderFleetStack.METRICS_NAMESPACE,
                "MetricName", "procstat_lookup_pid_count", "Statistic", "Minimum"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** The security group the resources of this type are in. */
    private String groupFor(String type) {
        Set<String> groups = new HashSet<>();
        fleet.propertiesOf(type).forEach(p -> groups.addAll(TemplateJson.referencedIds(p.get("GroupSet"))));
        assertThat(groups).hasSize(1);
        return groups.iterator().next();
    }

    /** A template expression as text: Fn::Join concatenated, Ref and GetAtt as {id}. */
    private static String render(Object expression) {
        if (expression instanceof Map<?, ?> map) {
            if (map.get("Fn::Join") instanceof List<?> join) {
                return ((List<?>) join.get(1)).stream().map(SenderFleetStackTest::render).collect(Collectors.joining((String) join.get(0)));
            }
            if (map.get("Ref") != null) {
                return "{" + map.get("Ref") + "}";
            }
            if (map.get("Fn::GetAtt") instanceof List<?> getAtt) {
                return "{" + getAtt.get(0) + "}";
            }
            return map.entrySet().stream().map(e -> e.getKey() + "=" + render(e.getValue())).collect(Collectors.joining(",", "{", "}"));
        }
        if (expression instanceof List<?> list) {
            return list.stream().map(SenderFleetStackTest::render).collect(Collectors.joining(",", "[", "]"));
        }
        return String.valueOf(expression);
    }
}
