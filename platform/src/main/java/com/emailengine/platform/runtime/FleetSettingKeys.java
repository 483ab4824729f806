package com.emailengine.platform.runtime;

/**
 * The names of a sender node's own settings (beyond those of {@link Settings}): the CDK's boot script writes them into
 * {@code /etc/email-engine/fleet.env}, the local cloud into each node's settings, the daemon reads them
 * ({@code FleetSettings}). Here, not in the fleet, so the CDK app can name them without depending on the fleet.
 */
public final class FleetSettingKeys {

    public static final String NODE_ID = "EE_FLEET_NODE_ID";
    public static final String SMTP_PORT = "EE_SMTP_PORT";
    public static final String MAX_IN_FLIGHT = "EE_FLEET_MAX_IN_FLIGHT";
    public static final String RECEIVE_WAIT = "EE_FLEET_RECEIVE_WAIT_SECONDS";
    public static final String RETRY_FIRST_DELAY = "EE_RETRY_FIRST_DELAY_SECONDS";
    public static final String DKIM_KEY_DIR = "EE_DKIM_KEY_DIR";
    /** The node's own sending addresses, comma-separated (the CDK fleet stack writes it). */
    public static final String ADDRESSES = "EE_FLEET_ADDRESSES";
    public static final String IP_LEASE = "EE_FLEET_IP_LEASE_SECONDS";
    public static final String TAKEOVER = "EE_FLEET_TAKEOVER";
    /** {@code host:port} of the metrics endpoint, or {@code off}. */
    public static final String METRICS = "EE_FLEET_METRICS";
    /** {@code host:port} of the bounce listener, or {@code off}. */
    public static final String BOUNCE_LISTENER = "EE_FLEET_BOUNCE_LISTENER";
    /** On EC2: the node's sending interfaces and their home addresses, {@code eni-…=IP,IP;eni-…=IP} (the CDK fleet stack writes it). */
    public static final String INTERFACES = "EE_FLEET_INTERFACES";
    /** On EC2: how many private addresses one interface of the instance type carries, primary included. */
    public static final String ADDRESSES_PER_INTERFACE = "EE_FLEET_ADDRESSES_PER_INTERFACE";
    /** {@code host:port} of the CloudWatch agent's EMF listener ({@code 127.0.0.1:25888} on a node), or {@code off}. */
    public static final String EMF = "EE_FLEET_EMF";
    /** The log group the CloudWatch agent writes the node's metric lines to (the node's role may write only its own). */
    public static final String EMF_LOG_GROUP = "EE_FLEET_EMF_LOG_GROUP";

    private FleetSettingKeys() {
    }
}
