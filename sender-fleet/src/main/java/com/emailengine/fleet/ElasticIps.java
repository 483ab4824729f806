package com.emailengine.fleet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The Elastic IPs the fleet stack made for a stage's pool addresses, found by their tags
 * ({@link #PRIVATE_IP_TAG}, {@link #STAGE_TAG}) with {@code DescribeAddresses}. Shared by the mover (which
 * re-associates one) and the blocklist check (which asks the lists about the public side).
 */
final class ElasticIps {

    /** The tag the fleet stack puts on each Elastic IP: the private address it belongs to. */
    static final String PRIVATE_IP_TAG = "ee:private-ip";
    /** The tag the fleet stack puts on each Elastic IP: its stage (several stages may share an account). */
    static final String STAGE_TAG = "ee:stage";

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
        return ec2.describeAddresses(r -> r.filters(filter("tag:" + PRIVATE_IP_TAG, privateIp), filter("tag:" + STAGE_TAG, stage)))
                .addresses();
    }

    /** Every tagged Elastic IP of the stage: private address → public address, in one call. */
    Map<String, String> publicByPrivate() {
        Map<String, String> mapping = new LinkedHashMap<>();
        for (Address eip : ec2.describeAddresses(r -> r.filters(filter("tag:" + STAGE_TAG, stage))).addresses()) {
            eip.tags().stream().filter(t -> PRIVATE_IP_TAG.equals(t.key())).map(Tag::value).findFirst()
                    .ifPresent(privateIp -> mapping.put(privateIp, eip.publicIp()));
        }
        return mapping;
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }
}
