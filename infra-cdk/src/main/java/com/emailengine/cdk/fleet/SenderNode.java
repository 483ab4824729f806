package com.emailengine.cdk.fleet;

import com.emailengine.platform.topology.ElasticIpTags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnAutoScalingRollingUpdate;
import software.amazon.awscdk.CfnTag;
import software.amazon.awscdk.CfnUpdatePolicy;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.autoscaling.CfnAutoScalingGroup;
import software.amazon.awscdk.services.ec2.CfnEIP;
import software.amazon.awscdk.services.ec2.CfnEIPAssociation;
import software.amazon.awscdk.services.ec2.CfnLaunchTemplate;
import software.amazon.awscdk.services.ec2.CfnNetworkInterface;
import software.amazon.awscdk.services.ec2.UserData;
import software.amazon.awscdk.services.iam.CfnInstanceProfile;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * One sender node of the plan. Its sending addresses live on network interfaces that belong to the stack,
 * not to an instance, each address with its own Elastic IP: an address's reputation is what warm-up builds,
 * so instances come and go but addresses stay. The instance is the only member of its own Auto Scaling
 * group (replaced when it fails a health check, replaced one node at a time when its launch template
 * changes), and at boot it attaches its interfaces, which its role allows for exactly these interfaces.
 * The Elastic IPs are retained when the stack is deleted.
 *
 * <p>When a node dies, the others take its leases over and move its addresses onto their own interfaces
 * (sender-fleet's {@code Ec2AddressMover}); the home node moves them back when it returns. Its role may
 * assign addresses to, and associate Elastic IPs with, only its own interfaces, and only the stage's Elastic
 * IPs, found by their tags.
 */
final class SenderNode extends Construct {

    static final String SSM_CORE_POLICY = "AmazonSSMManagedInstanceCore";

    private final CfnAutoScalingGroup group;
    /** Each tenant's public addresses on this node (Elastic IP references), for the SPF records. */
    private final Map<String, List<String>> publicAddresses = new LinkedHashMap<>();
    private final Role role;
    private final String name;

    SenderNode(Construct scope, String id, NodeSpec spec) {
        super(scope, id);
        this.name = spec.name();
        FleetNetwork network = spec.network();
        List<NodeBootScript.Interface> bootInterfaces = new ArrayList<>();
        List<String> interfaceArns = new ArrayList<>();
        List<Construct> addressing = new ArrayList<>();
        for (InterfacePlan plan : spec.plan().interfaces()) {
            List<CfnNetworkInterface.PrivateIpAddressSpecificationProperty> addresses = new ArrayList<>();
            for (int i = 0; i < plan.addresses().size(); i++) {
                addresses.add(CfnNetworkInterface.PrivateIpAddressSpecificationProperty.builder()
                        .privateIpAddress(plan.addresses().get(i).privateIp()).primary(i == 0).build());
            }
            CfnNetworkInterface eni = CfnNetworkInterface.Builder.create(this, "interface-" + plan.deviceIndex())
                    .subnetId(network.subnet().getRef())
                    .groupSet(List.of(network.sendingGroup().getAttrGroupId()))
                    .privateIpAddresses(addresses)
                    .description(name + " sending interface " + plan.deviceIndex())
                    .tags(List.of(tag("Name", name + "-eth" + plan.deviceIndex())))
                    .build();
            bootInterfaces.add(new NodeBootScript.Interface(plan.deviceIndex(), eni.getRef(),
                    plan.addresses().stream().map(SendingAddressPlan::privateIp).toList()));
            interfaceArns.add(spec.arns().networkInterface(eni.getRef()));
            for (SendingAddressPlan address : plan.addresses()) {
                String suffix = address.privateIp().replace('.', '-');
                CfnEIP eip = CfnEIP.Builder.create(this, "eip-" + suffix)
                        .domain("vpc")
                        // The mover finds an address's Elastic IP by these two tags (DescribeAddresses filters).
                        .tags(List.of(tag("Name", address.ehloName()), tag(ElasticIpTags.TENANT, address.tenantId()),
                                tag(ElasticIpTags.PRIVATE_IP, address.privateIp()), tag(ElasticIpTags.STAGE, spec.stage()),
                                tag(ElasticIpTags.EHLO, address.ehloName())))
                        .build();
                eip.applyRemovalPolicy(RemovalPolicy.RETAIN);
                eip.addDependency(network.gatewayAttachment());
                publicAddresses.computeIfAbsent(address.tenantId(), t -> new ArrayList<>()).add(eip.getRef());
                CfnEIPAssociation association = CfnEIPAssociation.Builder.create(this, "eip-association-" + suffix)
                        .allocationId(eip.getAttrAllocationId())
                        .networkInterfaceId(eni.getRef())
                        .privateIpAddress(address.privateIp())
                        .build();
                addressing.add(association);
            }
            addressing.add(eni);
        }

        role = Role.Builder.create(this, "role")
                .assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
                .description(name + ": its queues, tables, config, DKIM keys, log group, and its own interfaces")
                // Session Manager instead of SSH: no inbound port, every session logged.
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName(SSM_CORE_POLICY)))
                .build();
        CfnInstanceProfile profile = CfnInstanceProfile.Builder.create(this, "profile").roles(List.of(role.getRoleName())).build();
        spec.statements().forEach(role::addToPolicy);
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("ec2:AttachNetworkInterface"))
                .resources(interfaceArns)
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("ec2:AttachNetworkInterface"))
                .resources(List.of(spec.arns().anyInstance()))
                .conditions(Map.of("ArnEquals", Map.of("ec2:InstanceProfile", profile.getAttrArn())))
                .build());
        addressMoves(spec, interfaceArns);

        Map<String, String> environment = new LinkedHashMap<>(spec.environment());
        environment.put(SenderFleetStack.NODE_ID_SETTING, name);
        environment.put(SenderFleetStack.ADDRESSES_SETTING, String.join(",",
                spec.plan().addresses().stream().map(SendingAddressPlan::privateIp).toList()));
        NodeBootScript script = new NodeBootScript(spec.region(), bootInterfaces, spec.capacity().addressesPerInterface(),
                spec.jarS3Url(), spec.dkimSecrets(), environment, spec.logGroup(), SenderFleetStack.METRICS_NAMESPACE);
        UserData userData = UserData.forLinux();
        script.commands().forEach(userData::addCommands);

        CfnLaunchTemplate template = CfnLaunchTemplate.Builder.create(this, "launch-template")
                .launchTemplateName(name)
                .launchTemplateData(CfnLaunchTemplate.LaunchTemplateDataProperty.builder()
                        .imageId(spec.imageId())
                        .instanceType(spec.capacity().instanceType())
                        .iamInstanceProfile(CfnLaunchTemplate.IamInstanceProfileProperty.builder().arn(profile.getAttrArn()).build())
                        .userData(Fn.base64(userData.render()))
                        .metadataOptions(CfnLaunchTemplate.MetadataOptionsProperty.builder()
                                .httpTokens("required").httpPutResponseHopLimit(1).httpEndpoint("enabled").build())
                        .networkInterfaces(List.of(CfnLaunchTemplate.NetworkInterfaceProperty.builder()
                                .deviceIndex(0).associatePublicIpAddress(true).deleteOnTermination(true)
                                .groups(List.of(network.nodeGroup().getAttrGroupId())).build()))
                        .blockDeviceMappings(List.of(CfnLaunchTemplate.BlockDeviceMappingProperty.builder()
                                .deviceName("/dev/xvda")
                                .ebs(CfnLaunchTemplate.EbsProperty.builder().volumeSize(16).volumeType("gp3")
                                        .encrypted(true).deleteOnTermination(true).build())
                                .build()))
                        .build())
                .build();

        group = CfnAutoScalingGroup.Builder.create(this, "group")
                .autoScalingGroupName(name)
                .minSize("1").maxSize("1").desiredCapacity("1")
                .vpcZoneIdentifier(List.of(network.subnet().getRef()))
                .launchTemplate(CfnAutoScalingGroup.LaunchTemplateSpecificationProperty.builder()
                        .launchTemplateId(template.getRef()).version(template.getAttrLatestVersionNumber()).build())
                .healthCheckType("EC2")
                .metricsCollection(List.of(CfnAutoScalingGroup.MetricsCollectionProperty.builder()
                        .granularity("1Minute").metrics(List.of("GroupInServiceInstances")).build()))
                .tags(List.of(CfnAutoScalingGroup.TagPropertyProperty.builder().key("Name").value(name).propagateAtLaunch(true).build()))
                .build();
        // The old instance must let go of the interfaces before the new one can take them.
        group.getCfnOptions().setUpdatePolicy(CfnUpdatePolicy.builder()
                .autoScalingRollingUpdate(CfnAutoScalingRollingUpdate.builder().minInstancesInService(0).maxBatchSize(1).build())
                .build());
        addressing.forEach(group.getNode()::addDependency);
    }

    /**
     * What taking an address over needs, and no more: put a secondary address on one of this node's own
     * interfaces (EC2 authorizes the interface named in the request, the one the address goes to) and
     * associate its Elastic IP there. No UnassignPrivateIpAddresses: reassignment takes the address from the
     * other interface. The Elastic IPs are narrowed by the stage tag rather than listed: 100 allocation ARNs
     * alone would fill most of the 10,240 characters IAM allows a role's inline policies.
     */
    private void addressMoves(NodeSpec spec, List<String> interfaceArns) {
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("ec2:AssignPrivateIpAddresses", "ec2:AssociateAddress"))
                .resources(interfaceArns)
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("ec2:AssociateAddress"))
                .resources(List.of(spec.arns().anyElasticIp()))
                .conditions(Map.of("StringEquals", Map.of("ec2:ResourceTag/" + ElasticIpTags.STAGE, spec.stage())))
                .build());
        // Describe actions have no resource-level permissions: IAM accepts only "*" for them.
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("ec2:DescribeAddresses", "ec2:DescribeNetworkInterfaces"))
                .resources(List.of("*"))
                .build());
    }

    private static CfnTag tag(String key, String value) {
        return CfnTag.builder().key(key).value(value).build();
    }

    /** This node's Elastic IPs (their references) by tenant. */
    Map<String, List<String>> publicAddresses() {
        return publicAddresses;
    }

    CfnAutoScalingGroup group() {
        return group;
    }

    Role role() {
        return role;
    }

    String name() {
        return name;
    }

    /** What a node is built from. */
    record NodeSpec(String name, String stage, NodePlan plan, FleetNetwork network, FleetArns arns, String region, String imageId,
                    InstanceCapacity capacity, String jarS3Url, Map<String, String> dkimSecrets, Map<String, String> environment,
                    String logGroup, List<PolicyStatement> statements) {
    }
}
