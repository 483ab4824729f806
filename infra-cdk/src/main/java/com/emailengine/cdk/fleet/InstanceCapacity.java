package com.emailengine.cdk.fleet;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How many private IPv4 addresses an EC2 instance type can carry: network interfaces times addresses per
 * interface (the EC2 user guide's table "IP addresses per network interface per instance type"). A sender
 * node keeps interface 0 for itself (its own address, AWS API calls, package installs) and sends from
 * the others, so it holds {@code (interfaces - 1) x addressesPerInterface} sending addresses.
 */
public record InstanceCapacity(String instanceType, int networkInterfaces, int addressesPerInterface) {

    /** Graviton (arm64) types: the daemon is plain Java, and these cost about 20% less than x86 peers. */
    public static final List<InstanceCapacity> KNOWN = List.of(
            new InstanceCapacity("t4g.medium", 3, 6),
            new InstanceCapacity("t4g.large", 3, 12),
            new InstanceCapacity("c7g.large", 3, 10),
            new InstanceCapacity("c7g.xlarge", 4, 15),
            new InstanceCapacity("c7g.2xlarge", 4, 15),
            new InstanceCapacity("m7g.large", 3, 10),
            new InstanceCapacity("m7g.xlarge", 4, 15));

    public static final String DEFAULT_TYPE = "c7g.large";

    public InstanceCapacity {
        if (networkInterfaces < 2 || addressesPerInterface < 1) {
            throw new IllegalArgumentException(instanceType + " cannot hold a sending interface besides its own");
        }
    }

    public static InstanceCapacity of(String instanceType) {
        return KNOWN.stream().filter(c -> c.instanceType().equals(instanceType)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fleet instance type " + instanceType + "; known: "
                        + KNOWN.stream().map(InstanceCapacity::instanceType).collect(Collectors.joining(", "))));
    }

    public int sendingInterfaces() {
        return networkInterfaces - 1;
    }

    public int sendingAddressesPerNode() {
        return sendingInterfaces() * addressesPerInterface;
    }
}
