package com.emailengine.fleet.ip;

/**
 * Makes a pool address bindable on this node, where the cloud ties addresses to machines (on EC2 a private
 * address belongs to one network interface, attached to one instance). The {@link LeaseKeeper} calls it while
 * it holds the address's lease, so no two nodes move the same address at once, and sends from the address only
 * once the {@link BindCheck} passes.
 *
 * <p>Contract: {@code true} when the address is on this node, or will be within a few minutes (an OS picks a
 * moved address up on its own schedule); {@code false} when it cannot come here — no room, refused by the
 * cloud — with the reason logged, and then the keeper gives the lease up at once. Never throws for a refusal.
 * Called from the keeper's heartbeat thread only; each call should take seconds at most, since the node's
 * other leases wait for it to be renewed.
 */
@FunctionalInterface
public interface AddressMover {

    boolean makeBindable(String ip);
}
