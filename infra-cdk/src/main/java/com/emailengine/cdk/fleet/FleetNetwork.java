package com.emailengine.cdk.fleet;

import java.util.List;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.ec2.CfnInternetGateway;
import software.amazon.awscdk.services.ec2.CfnRoute;
import software.amazon.awscdk.services.ec2.CfnRouteTable;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;
import software.amazon.awscdk.services.ec2.CfnSubnet;
import software.amazon.awscdk.services.ec2.CfnSubnetRouteTableAssociation;
import software.amazon.awscdk.services.ec2.CfnVPC;
import software.amazon.awscdk.services.ec2.CfnVPCGatewayAttachment;
import software.constructs.Construct;

/**
 * The fleet's VPC with one public subnet whose block the plan computed from the configured addresses
 * (written at the level of CloudFormation because the addresses are fixed: the higher-level VPC picks
 * subnet blocks itself). No NAT gateway: nodes reach the internet and the AWS APIs through the internet
 * gateway from public addresses, which also saves the NAT's hourly and per-GB price.
 *
 * <p>Two security groups. A node's own interface: no inbound at all (operators use Session Manager, no
 * SSH), outbound HTTPS (AWS APIs, packages) and DNS to the VPC resolver. The sending interfaces: outbound
 * SMTP (port 25) anywhere, inbound SMTP from anywhere for bounces, DSNs and complaint reports.
 */
final class FleetNetwork extends Construct {

    static final int SMTP = 25;
    static final int HTTPS = 443;
    static final int DNS = 53;

    private final CfnVPC vpc;
    private final CfnSubnet subnet;
    private final CfnSecurityGroup nodeGroup;
    private final CfnSecurityGroup sendingGroup;
    private final CfnVPCGatewayAttachment gatewayAttachment;

    FleetNetwork(Construct scope, String id, FleetPlan plan, String stage) {
        super(scope, id);
        vpc = CfnVPC.Builder.create(this, "vpc").cidrBlock(plan.vpcCidr()).enableDnsSupport(true).enableDnsHostnames(true)
                .tags(List.of(software.amazon.awscdk.CfnTag.builder().key("Name").value("ee-" + stage + "-fleet").build()))
                .build();
        CfnInternetGateway gateway = CfnInternetGateway.Builder.create(this, "internet-gateway").build();
        gatewayAttachment = CfnVPCGatewayAttachment.Builder.create(this, "gateway-attachment")
                .vpcId(vpc.getRef()).internetGatewayId(gateway.getRef()).build();
        subnet = CfnSubnet.Builder.create(this, "sending-subnet")
                .vpcId(vpc.getRef())
                .cidrBlock(plan.subnetCidr())
                .availabilityZone(Fn.select(0, Fn.getAzs()))
                // A node's own interface gets a public address at launch; the sending interfaces use Elastic IPs.
                .mapPublicIpOnLaunch(true)
                .tags(List.of(software.amazon.awscdk.CfnTag.builder().key("Name").value("ee-" + stage + "-fleet-sending").build()))
                .build();
        CfnRouteTable routes = CfnRouteTable.Builder.create(this, "routes").vpcId(vpc.getRef()).build();
        CfnRoute toInternet = CfnRoute.Builder.create(this, "default-route").routeTableId(routes.getRef())
                .destinationCidrBlock("0.0.0.0/0").gatewayId(gateway.getRef()).build();
        toInternet.addDependency(gatewayAttachment);
        CfnSubnetRouteTableAssociation.Builder.create(this, "subnet-routes").subnetId(subnet.getRef())
                .routeTableId(routes.getRef()).build();

        String resolver = plan.resolverAddress() + "/32";
        nodeGroup = CfnSecurityGroup.Builder.create(this, "node-group")
                .vpcId(vpc.getRef())
                .groupDescription("ee-" + stage + " sender node's own interface: no inbound; HTTPS and DNS out")
                .securityGroupEgress(List.of(
                        egress("tcp", HTTPS, "0.0.0.0/0", "AWS APIs and packages"),
                        egress("udp", DNS, resolver, "VPC resolver"),
                        egress("tcp", DNS, resolver, "VPC resolver")))
                .build();
        sendingGroup = CfnSecurityGroup.Builder.create(this, "sending-group")
                .vpcId(vpc.getRef())
                .groupDescription("ee-" + stage + " sending interfaces: SMTP out; SMTP in for bounces")
                .securityGroupEgress(List.of(egress("tcp", SMTP, "0.0.0.0/0", "delivery to receiving MX hosts")))
                .securityGroupIngress(List.of(CfnSecurityGroup.IngressProperty.builder().ipProtocol("tcp")
                        .fromPort(SMTP).toPort(SMTP).cidrIp("0.0.0.0/0").description("bounces, DSNs and complaint reports").build()))
                .build();
    }

    private static CfnSecurityGroup.EgressProperty egress(String protocol, int port, String cidr, String description) {
        return CfnSecurityGroup.EgressProperty.builder().ipProtocol(protocol).fromPort(port).toPort(port)
                .cidrIp(cidr).description(description).build();
    }

    CfnVPC vpc() {
        return vpc;
    }

    CfnSubnet subnet() {
        return subnet;
    }

    CfnSecurityGroup nodeGroup() {
        return nodeGroup;
    }

    CfnSecurityGroup sendingGroup() {
        return sendingGroup;
    }

    /** Elastic IPs can be associated only once the VPC reaches the internet. */
    CfnVPCGatewayAttachment gatewayAttachment() {
        return gatewayAttachment;
    }
}
