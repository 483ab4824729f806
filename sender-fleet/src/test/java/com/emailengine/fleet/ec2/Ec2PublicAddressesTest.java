package com.emailengine.fleet.ec2;

import static com.emailengine.fleet.ec2.FakeEc2.addresses;
import static com.emailengine.fleet.ec2.FakeEc2.elasticIp;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

class Ec2PublicAddressesTest {

    @Test
    void aPoolAddressIsSeenAsTheElasticIpTaggedForItInOneDescribeCall() throws Exception {
        try (FakeEc2 ec2 = new FakeEc2(); Ec2Client client = ec2.client()) {
            ec2.answer("DescribeAddresses", addresses(
                    elasticIp("eipalloc-0e000030", "203.0.113.30", "prod", "10.20.1.30", "eni-a"),
                    elasticIp("eipalloc-0e000031", "203.0.113.31", "prod", "10.20.1.31", "eni-b")));
            Ec2PublicAddresses addresses = new Ec2PublicAddresses(new ElasticIps(client, "prod"));

            assertThat(addresses.publicOf("10.20.1.30")).as("nothing known before the first refresh").isEmpty();
            addresses.refresh();

            assertThat(addresses.publicOf("10.20.1.30")).contains("203.0.113.30");
            assertThat(addresses.publicOf("10.20.1.31")).contains("203.0.113.31");
            assertThat(addresses.publicOf("10.20.1.99")).isEmpty();
            assertThat(ec2.request("DescribeAddresses")).containsEntry("Filter.1.Name", "tag:ee:stage")
                    .containsEntry("Filter.1.Value.1", "prod");
        }
    }

    @Test
    void aFailedRefreshKeepsTheLastMapping() throws Exception {
        try (FakeEc2 ec2 = new FakeEc2(); Ec2Client client = ec2.client()) {
            ec2.answer("DescribeAddresses", addresses(elasticIp("eipalloc-0e000030", "203.0.113.30", "prod", "10.20.1.30", "eni-a")));
            Ec2PublicAddresses addresses = new Ec2PublicAddresses(new ElasticIps(client, "prod"));
            addresses.refresh();
            ec2.forgetAnswers().fail("DescribeAddresses", "RequestLimitExceeded", "Request limit exceeded.");

            addresses.refresh();

            assertThat(ec2.actions()).containsExactly("DescribeAddresses", "DescribeAddresses");
            assertThat(addresses.publicOf("10.20.1.30")).contains("203.0.113.30");
        }
    }
}
