package com.emailengine.platform.topology;

/**
 * Tags the fleet stack puts on each sending address's Elastic IP. A node finds the Elastic IP of a pool address by
 * {@link #PRIVATE_IP} and {@link #STAGE} (to move it on takeover, and to ask blocklists about it); the node role's
 * policy allows associating only Elastic IPs tagged with its stage.
 */
public final class ElasticIpTags {

    /** The private pool address the Elastic IP belongs to. */
    public static final String PRIVATE_IP = "ee:private-ip";
    /** The stage the Elastic IP belongs to. */
    public static final String STAGE = "ee:stage";
    /** The EHLO name, which the address's reverse DNS must give. */
    public static final String EHLO = "ee:ehlo";
    /** The tenant whose pool holds the address. */
    public static final String TENANT = "ee:tenant";

    private ElasticIpTags() {
    }
}
