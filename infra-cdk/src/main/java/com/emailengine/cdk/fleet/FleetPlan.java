package com.emailengine.cdk.fleet;

import com.emailengine.core.tenant.SendingAddress;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.core.tenant.Tenants;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * Where every configured source address lives in the cloud: which node, which interface. Pure arithmetic
 * over the tenants' IP pools (the private addresses the fleet binds to; each gets an Elastic IP, which is
 * what receivers see) and the instance type's limits:
 *
 * <ul>
 *   <li>nodes = max(2, ceil(addresses / sending addresses per node)): two at least, so that losing one
 *       node halves the sending rate instead of stopping it;</li>
 *   <li>addresses are dealt to nodes in turn, tenant after tenant, so every node sends for every tenant
 *       and a node's loss costs each tenant the same share;</li>
 *   <li>a node's addresses fill its sending interfaces in order, at most addresses-per-interface each.</li>
 * </ul>
 *
 * For 100 addresses on c7g.large (3 interfaces x 10 addresses, 2 interfaces for sending): 5 nodes x 2
 * interfaces x 10 addresses.
 *
 * <p>Takeover room: when a node dies, the others move its addresses onto their own interfaces, into free
 * slots only ({@link #takeoverRoom}). A plan that fills every interface — 100 addresses on c7g.large does —
 * leaves none: the dead node's addresses then wait, unleased, for its Auto Scaling group to replace it (a few
 * minutes; the new instance attaches the same interfaces). Each interface's first address is its primary
 * address, which EC2 never moves, so at most a node's secondary addresses can be taken over. The subnet is the /24 holding every address (widened if they span more), in
 * a /16 VPC: all sending addresses share one subnet and so one Availability Zone, the price of fixed
 * addresses (an interface cannot leave its subnet); an outage there delays mail, which waits in SQS.
 */
public record FleetPlan(InstanceCapacity capacity, List<NodePlan> nodes, String subnetCidr, String vpcCidr) {

    public static final int MINIMUM_NODES = 2;

    public FleetPlan {
        nodes = List.copyOf(nodes);
    }

    public static FleetPlan of(Tenants tenants, InstanceCapacity capacity) {
        List<SendingAddressPlan> all = new ArrayList<>();
        for (Tenant tenant : tenants.all()) {
            for (SendingAddress address : tenant.pool().addresses()) {
                all.add(new SendingAddressPlan(address.ip(), tenant.id(), address.ehloName()));
            }
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no tenant has a sending address");
        }
        Subnet subnet = Subnet.covering(tenants);
        int nodeCount = Math.max(MINIMUM_NODES, ceilDiv(all.size(), capacity.sendingAddressesPerNode()));
        List<List<SendingAddressPlan>> dealt = new ArrayList<>();
        for (int n = 0; n < nodeCount; n++) {
            dealt.add(new ArrayList<>());
        }
        for (int i = 0; i < all.size(); i++) {
            dealt.get(i % nodeCount).add(all.get(i));
        }
        List<NodePlan> nodes = new ArrayList<>();
        for (int n = 0; n < nodeCount; n++) {
            List<SendingAddressPlan> mine = dealt.get(n);
            List<InterfacePlan> interfaces = new ArrayList<>();
            for (int from = 0, device = 1; from < mine.size(); from += capacity.addressesPerInterface(), device++) {
                interfaces.add(new InterfacePlan(device, mine.subList(from, Math.min(mine.size(), from + capacity.addressesPerInterface()))));
            }
            nodes.add(new NodePlan(n + 1, interfaces));
        }
        return new FleetPlan(capacity, nodes, subnet.cidr(), subnet.vpcCidr());
    }

    /** Address slots left free on a node's sending interfaces: where it can take addresses of a dead node. */
    public int freeSlots(NodePlan node) {
        return node.interfaces().stream().mapToInt(i -> capacity.addressesPerInterface() - i.addresses().size()).sum();
    }

    /**
     * How many of a dead node's addresses the surviving nodes can take over: its secondary addresses (a
     * primary stays with its interface), as far as the others' free slots reach. The rest wait for the
     * node's replacement.
     */
    public int takeoverRoom(NodePlan dead) {
        int movable = dead.addresses().size() - dead.interfaces().size();
        int free = nodes.stream().filter(n -> n != dead).mapToInt(this::freeSlots).sum();
        return Math.min(movable, free);
    }

    public int addressCount() {
        return nodes.stream().mapToInt(n -> n.addresses().size()).sum();
    }

    /** The first address of the VPC plus two: the Amazon-provided DNS resolver the nodes query for MX records. */
    public String resolverAddress() {
        long base = Subnet.toLong(vpcCidr.substring(0, vpcCidr.indexOf('/')));
        return Subnet.toText(base + 2);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** The subnet holding all sending addresses and the VPC around it. */
    record Subnet(long base, int prefix) {

        static Subnet covering(Tenants tenants) {
            long low = Long.MAX_VALUE;
            long high = Long.MIN_VALUE;
            for (Tenant tenant : tenants.all()) {
                for (SendingAddress address : tenant.pool().addresses()) {
                    if (!(address.address() instanceof Inet4Address) || !address.address().isSiteLocalAddress()) {
                        throw new IllegalArgumentException("tenant " + tenant.id() + ": " + address.ip()
                                + " is not a private IPv4 address; in the cloud a pool lists the private addresses the"
                                + " fleet binds to (10.x, 172.16-31.x, 192.168.x), and each gets an Elastic IP");
                    }
                    long value = toLong(address.ip());
                    low = Math.min(low, value);
                    high = Math.max(high, value);
                }
            }
            int prefix = 24;
            while (prefix > 16 && (low >>> (32 - prefix)) != (high >>> (32 - prefix))) {
                prefix--;
            }
            if ((low >>> (32 - prefix)) != (high >>> (32 - prefix))) {
                throw new IllegalArgumentException("the sending addresses " + toText(low) + " to " + toText(high)
                        + " do not fit in one /16 subnet");
            }
            long base = low & (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
            long last = base + (1L << (32 - prefix)) - 1;
            // AWS keeps the first four addresses of a subnet and its last one.
            if (low < base + 4 || high > last - 1) {
                throw new IllegalArgumentException("the sending addresses " + toText(low) + " to " + toText(high)
                        + " touch the addresses AWS reserves in subnet " + toText(base) + "/" + prefix
                        + " (its first four and its last)");
            }
            return new Subnet(base, prefix);
        }

        String cidr() {
            return toText(base) + "/" + prefix;
        }

        String vpcCidr() {
            return toText(base & 0xFFFF0000L) + "/16";
        }

        static long toLong(String ip) {
            long value = 0;
            for (String octet : ip.split("\\.")) {
                value = (value << 8) | Integer.parseInt(octet);
            }
            return value;
        }

        static String toText(long value) {
            return ((value >>> 24) & 0xFF) + "." + ((value >>> 16) & 0xFF) + "." + ((value >>> 8) & 0xFF) + "." + (value & 0xFF);
        }
    }
}
