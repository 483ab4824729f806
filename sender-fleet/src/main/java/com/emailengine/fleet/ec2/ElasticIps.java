package com.emailengine.fleet.ec2;

import com.emailengine.platform.topology.ElasticIpTags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The Elastic IPs the fleet stack made for a stage's pool addresses, found by their tags
 * ({@link ElasticIpTags#PRIVATE_IP}, {@link ElasticIpTags#STAGE}) with {@code DescribeAddresses}. Shared by the mover (which
 * re-associates one) and the blocklist check (which asks the lists about the public side).
 */
final class ElasticIps {


    private final Ec2Client ec2;
    private final String stage;

    ElasticIps(Ec2Client ec2, String stage) {
        this.ec2 = ec2;
        this.stage = stage;
    }

    String stage() {
        return stage;
    }

    /** The Elastic IPs tagged for one private address: exactly one when the stack is right. */
    List<Address> of(String privateIp) {
        return ec2.describeAddresses(r -> r.filters(filter("tag:" + ElasticIpTags.PRIVATE_IP, privateIp), filter("tag:" + ElasticIpTags.STAGE, stage)))
                .addresses();
    }

    /** Every tagged Elastic IP of the stage: private address → public address, in one call. */
    Map<String, String> publicByPrivate() {
        Map<String, String> mapping = new LinkedHashMap<>();
        for (Address eip : ec2.describeAddresses(r -> r.filters(filter("tag:" + ElasticIpTags.STAGE, stage))).addresses()) {
            eip.tags().stream().filter(t -> ElasticIpTags.PRIVATE_IP.equals(t.key())).map(Tag::value).findFirst()
                    .ifPresent(privateIp -> mapping.put(privateIp, eip.publicIp()));
        }
        return mapping;
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }
}
