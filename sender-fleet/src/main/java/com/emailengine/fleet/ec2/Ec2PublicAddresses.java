package com.emailengine.fleet.ec2;

import com.emailengine.fleet.ip.PublicAddresses;
import com.emailengine.platform.runtime.Log;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The Elastic IP of each pool address on EC2, read from the stack's tags. Cached between checks: one
 * {@code DescribeAddresses} per round instead of one per address, and a failed read keeps the last mapping
 * (an Elastic IP rarely changes; a check against a stale one beats no check).
 */
public final class Ec2PublicAddresses implements PublicAddresses {

    private final ElasticIps elasticIps;
    private volatile Map<String, String> byPrivate = Map.of();

    public Ec2PublicAddresses(ElasticIps elasticIps) {
        this.elasticIps = elasticIps;
    }

    @Override
    public void refresh() {
        try {
            byPrivate = Map.copyOf(elasticIps.publicByPrivate());
        } catch (SdkException e) {
            Log.warn("fleet", "Elastic IPs of stage " + elasticIps.stage() + " not read, keeping " + byPrivate.size()
                    + " known: " + e.getMessage());
        }
    }

    @Override
    public Optional<String> publicOf(String poolAddress) {
        return Optional.ofNullable(byPrivate.get(poolAddress));
    }
}
