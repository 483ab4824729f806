package com.emailengine.fleet.ec2;

import static com.emailengine.fleet.ec2.FakeEc2.addresses;
import static com.emailengine.fleet.ec2.FakeEc2.elasticIp;
import static com.emailengine.fleet.ec2.FakeEc2.networkInterface;
import static com.emailengine.fleet.ec2.FakeEc2.networkInterfaces;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The EC2 mover against {@link FakeEc2}, a local server speaking the EC2 Query API: EC2 itself cannot run
 * here, so the tests pin down exactly which requests the mover sends, with which parameters, and what it does
 * with an error. This node (stage {@code prod}) has two sending interfaces of at most 3 addresses each:
 * {@code eni-0a000001} with home addresses .10 and .12, {@code eni-0b000002} with .11.
 */
class Ec2AddressMoverTest {

    private static final String SUBNET = "subnet-0f000001";
    private static final String ENI_A = "eni-0a000001";
    private static final String ENI_B = "eni-0b000002";
    /** An interface of the dead node, which carried the address being taken over. */
    private static final String ENI_DEAD = "eni-0d000009";
    private static final NodeInterfaces THIS_NODE = new NodeInterfaces(List.of(
            new NodeInterfaces.SendingInterface(ENI_A, List.of("10.20.1.10", "10.20.1.12")),
            new NodeInterfaces.SendingInterface(ENI_B, List.of("10.20.1.11"))), 3);

    private FakeEc2 ec2;
    private Ec2AddressMover mover;

    @BeforeEach
    void start() throws Exception {
        ec2 = new FakeEc2();
        mover = new Ec2AddressMover(ec2.client(), "prod", THIS_NODE);
    }

    @AfterEach
    void stop() {
        mover.close();
        ec2.close();
    }

    /** This node's interfaces as EC2 describes them: A full (3 of 3), B with one free slot. */
    private FakeEc2 thisNodeWithRoomOnB() {
        return ec2.answerWhen("DescribeNetworkInterfaces", "NetworkInterfaceId.1", ENI_A, networkInterfaces(
                networkInterface(ENI_A, SUBNET, "10.20.1.10", "10.20.1.12", "10.20.1.13"),
                networkInterface(ENI_B, SUBNET, "10.20.1.11", "10.20.1.14")));
    }

    /** Who carries 10.20.1.30 now: the dead node's interface, as a secondary address. */
    private FakeEc2 deadNodeCarries30() {
        return ec2.answerWhen("DescribeNetworkInterfaces", "Filter.1.Value.1", "10.20.1.30", networkInterfaces(
                networkInterface(ENI_DEAD, SUBNET, "10.20.1.29", "10.20.1.30")));
    }

    private FakeEc2 elasticIpOf30On(String eni) {
        return ec2.answer("DescribeAddresses", addresses(elasticIp("eipalloc-0e000030", "203.0.113.30", "prod", "10.20.1.30", eni)));
    }

    @Test
    void takingOverMovesTheSecondaryAddressOntoAnInterfaceWithRoomAndReassociatesItsElasticIp() {
        thisNodeWithRoomOnB();
        deadNodeCarries30();
        elasticIpOf30On(ENI_DEAD);
        ec2.answer("AssignPrivateIpAddresses", "<networkInterfaceId>" + ENI_B + "</networkInterfaceId>"
                + "<assignedPrivateIpAddressesSet><item><privateIpAddress>10.20.1.30</privateIpAddress></item></assignedPrivateIpAddressesSet>");
        ec2.answer("AssociateAddress", "<associationId>eipassoc-0e000031</associationId>");

        assertThat(mover.makeBindable("10.20.1.30")).isTrue();

        assertThat(ec2.actions()).containsExactly("DescribeNetworkInterfaces", "DescribeNetworkInterfaces", "DescribeAddresses",
                "AssignPrivateIpAddresses", "AssociateAddress");
        assertThat(ec2.requests().getFirst()).containsEntry("NetworkInterfaceId.1", ENI_A).containsEntry("NetworkInterfaceId.2", ENI_B);
        assertThat(ec2.requests().get(1)).containsEntry("Filter.1.Name", "addresses.private-ip-address")
                .containsEntry("Filter.1.Value.1", "10.20.1.30").containsEntry("Filter.2.Name", "subnet-id")
                .containsEntry("Filter.2.Value.1", SUBNET);
        assertThat(ec2.request("DescribeAddresses")).containsEntry("Filter.1.Name", "tag:ee:private-ip")
                .containsEntry("Filter.1.Value.1", "10.20.1.30")
                .containsEntry("Filter.2.Name", "tag:ee:stage").containsEntry("Filter.2.Value.1", "prod");
        assertThat(ec2.request("AssignPrivateIpAddresses")).containsAllEntriesOf(Map.of("NetworkInterfaceId", ENI_B,
                "PrivateIpAddress.1", "10.20.1.30", "AllowReassignment", "true"));
        assertThat(ec2.request("AssociateAddress")).containsAllEntriesOf(Map.of("AllocationId", "eipalloc-0e000030",
                "NetworkInterfaceId", ENI_B, "PrivateIpAddress", "10.20.1.30", "AllowReassociation", "true"));
    }

    @Test
    void anErrorFromEc2MeansNotMovedAndNothingElseIsCalled() {
        thisNodeWithRoomOnB();
        deadNodeCarries30();
        elasticIpOf30On(ENI_DEAD);
        ec2.fail("AssignPrivateIpAddresses", "PrivateIpAddressLimitExceeded",
                "Number of private addresses will exceed limit.");

        assertThat(mover.makeBindable("10.20.1.30")).isFalse();

        assertThat(ec2.actions()).containsExactly("DescribeNetworkInterfaces", "DescribeNetworkInterfaces", "DescribeAddresses",
                "AssignPrivateIpAddresses");
    }

    @Test
    void withNoFreeSlotOnAnyInterfaceItRefusesAfterOneLookWithoutChangingAnything() {
        ec2.answer("DescribeNetworkInterfaces", networkInterfaces(
                networkInterface(ENI_A, SUBNET, "10.20.1.10", "10.20.1.12", "10.20.1.13"),
                networkInterface(ENI_B, SUBNET, "10.20.1.11", "10.20.1.14", "10.20.1.15")));

        assertThat(mover.makeBindable("10.20.1.30")).isFalse();

        assertThat(ec2.actions()).containsExactly("DescribeNetworkInterfaces");
    }

    @Test
    void aTakeBackGoesToTheAddressesHomeInterfaceWhoseSlotWasKeptForIt() {
        // .12 is away (taken over while this node was down): A carries 2 of 3 and keeps the third slot for it.
        ec2.answerWhen("DescribeNetworkInterfaces", "NetworkInterfaceId.1", ENI_A, networkInterfaces(
                networkInterface(ENI_A, SUBNET, "10.20.1.10", "10.20.1.16"),
                networkInterface(ENI_B, SUBNET, "10.20.1.11")));
        ec2.answerWhen("DescribeNetworkInterfaces", "Filter.1.Value.1", "10.20.1.12", networkInterfaces(
                networkInterface(ENI_DEAD, SUBNET, "10.20.1.29", "10.20.1.12")));
        ec2.answer("DescribeAddresses", addresses(elasticIp("eipalloc-0e000012", "203.0.113.12", "prod", "10.20.1.12", ENI_DEAD)));
        ec2.answer("AssignPrivateIpAddresses", "<networkInterfaceId>" + ENI_A + "</networkInterfaceId>");
        ec2.answer("AssociateAddress", "<associationId>eipassoc-0e000013</associationId>");

        assertThat(mover.makeBindable("10.20.1.12")).isTrue();

        assertThat(ec2.request("AssignPrivateIpAddresses")).containsEntry("NetworkInterfaceId", ENI_A);
        assertThat(ec2.request("AssociateAddress")).containsEntry("NetworkInterfaceId", ENI_A).containsEntry("PrivateIpAddress", "10.20.1.12");
    }

    @Test
    void aPrimaryAddressIsNeverMoved() {
        thisNodeWithRoomOnB();
        ec2.answerWhen("DescribeNetworkInterfaces", "Filter.1.Value.1", "10.20.1.29", networkInterfaces(
                networkInterface(ENI_DEAD, SUBNET, "10.20.1.29", "10.20.1.30")));

        assertThat(mover.makeBindable("10.20.1.29")).isFalse();

        assertThat(ec2.actions()).containsExactly("DescribeNetworkInterfaces", "DescribeNetworkInterfaces");
    }

    @Test
    void withoutItsTaggedElasticIpAnAddressStaysWhereItIs() {
        thisNodeWithRoomOnB();
        deadNodeCarries30();
        ec2.answer("DescribeAddresses", addresses());

        assertThat(mover.makeBindable("10.20.1.30")).isFalse();

        assertThat(ec2.actions()).doesNotContain("AssignPrivateIpAddresses", "AssociateAddress");
    }

    @Test
    void anAddressAlreadyOnThisNodeIsNotReassignedAndItsElasticIpFollowsOnlyIfElsewhere() {
        thisNodeWithRoomOnB();
        ec2.answer("DescribeAddresses", addresses(elasticIp("eipalloc-0e000014", "203.0.113.14", "prod", "10.20.1.14", ENI_B)));

        assertThat(mover.makeBindable("10.20.1.14")).isTrue();

        assertThat(ec2.actions()).containsExactly("DescribeNetworkInterfaces", "DescribeAddresses");
    }
}
