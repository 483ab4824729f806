package com.emailengine.fleet.ec2;

import com.emailengine.fleet.ip.AddressMover;
import com.emailengine.platform.runtime.FleetSettingKeys;
import com.emailengine.platform.runtime.Log;
import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.ElasticIpTags;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePrivateIpAddress;

/**
 * Moves a sending address onto one of this node's EC2 network interfaces: the secondary private address with
 * {@code AssignPrivateIpAddresses} (reassignment allowed, so it leaves the interface of the node that had it),
 * then its Elastic IP with {@code AssociateAddress} (reassociation allowed). The Elastic IP is the one the fleet
 * stack tagged {@code ee:private-ip=<address>} and {@code ee:stage=<stage>}.
 *
 * <p>The OS is left to amazon-ec2-net-utils (Amazon Linux 2023): its per-interface refresh timer reads the
 * interface's addresses from the instance metadata about once a minute and configures a moved-in address with
 * its source-routing rule, and removes a moved-out one, so the daemon needs no CAP_NET_ADMIN; the
 * {@link LeaseKeeper} waits for the bind check before it sends from the address.
 *
 * <p>Refuses, logging why and changing nothing, when no interface of this node has a free address slot (the
 * instance type's limit per interface, slots of this node's own addresses now elsewhere kept for their return),
 * when the address is another interface's primary address (EC2 moves only secondary ones), when no Elastic IP
 * carries its tag, or when EC2 answers with an error.
 */
public final class Ec2AddressMover implements AddressMover, AutoCloseable {

    /** A heartbeat waits for the moves it starts; one EC2 call never holds it longer than this. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final Ec2Client ec2;
    private final String stage;
    private final NodeInterfaces interfaces;
    private final ElasticIps elasticIps;

    public Ec2AddressMover(Ec2Client ec2, String stage, NodeInterfaces interfaces) {
        this.ec2 = ec2;
        this.stage = stage;
        this.interfaces = interfaces;
        this.elasticIps = new ElasticIps(ec2, stage);
    }

    /** The stage's Elastic IPs, through this mover's client (closed with the mover). */
    public ElasticIps elasticIps() {
        return elasticIps;
    }

    /** The mover of a node on EC2: region and stage from the settings, credentials from the instance profile. */
    public static Ec2AddressMover create(Settings settings, NodeInterfaces interfaces) {
        String region = settings.get(Settings.REGION).or(() -> Optional.ofNullable(System.getenv("AWS_REGION")))
                .filter(v -> !v.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("setting " + Settings.REGION + " is required with "
                        + FleetSettingKeys.INTERFACES + " (the region of the node's interfaces)"));
        Ec2Client ec2 = Ec2Client.builder()
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).socketTimeout(CALL_TIMEOUT))
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(CALL_TIMEOUT).build())
                .build();
        return new Ec2AddressMover(ec2, settings.require(Settings.STAGE), interfaces);
    }

    @Override
    public boolean makeBindable(String ip) {
        try {
            return move(ip);
        } catch (Ec2Exception e) {
            Log.warn("fleet", "EC2 refused to move " + ip + " onto this node: " + e.awsErrorDetails().errorCode() + ": "
                    + e.awsErrorDetails().errorMessage());
            return false;
        } catch (SdkException e) {
            Log.warn("fleet", "moving " + ip + " onto this node failed: " + e.getMessage());
            return false;
        }
    }

    private boolean move(String ip) {
        List<NetworkInterface> mine = ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(interfaces.ids())).networkInterfaces();
        if (mine.isEmpty()) {
            Log.warn("fleet", "none of the interfaces of " + FleetSettingKeys.INTERFACES + " " + interfaces.ids() + " exists");
            return false;
        }
        Map<String, List<String>> carried = new LinkedHashMap<>();
        mine.forEach(eni -> carried.put(eni.networkInterfaceId(),
                eni.privateIpAddresses().stream().map(NetworkInterfacePrivateIpAddress::privateIpAddress).toList()));
        Optional<String> here = carried.entrySet().stream().filter(e -> e.getValue().contains(ip)).map(Map.Entry::getKey).findFirst();
        String target;
        if (here.isPresent()) {
            target = here.get();
        } else {
            Optional<String> room = interfaces.placeFor(ip, carried);
            if (room.isEmpty()) {
                Log.warn("fleet", "no free address slot for " + ip + " on " + carried.keySet() + " (" + interfaces.addressesPerInterface()
                        + " addresses per interface, slots of this node's own addresses kept for their return)");
                return false;
            }
            target = room.get();
            Optional<String> primaryOf = primaryHolder(ip, mine.getFirst().subnetId());
            if (primaryOf.isPresent()) {
                Log.warn("fleet", ip + " is the primary address of " + primaryOf.get()
                        + ", which EC2 never moves; it comes back with that interface's node");
                return false;
            }
        }
        List<Address> eips = elasticIps.of(ip);
        if (eips.size() != 1) {
            Log.warn("fleet", "expected one Elastic IP tagged " + ElasticIpTags.PRIVATE_IP + "=" + ip + " and " + ElasticIpTags.STAGE + "=" + stage
                    + ", found " + eips.size() + "; " + ip + " not moved");
            return false;
        }
        Address eip = eips.getFirst();
        if (here.isEmpty()) {
            ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId(target).privateIpAddresses(ip).allowReassignment(true));
        }
        // EC2 moves an associated Elastic IP along with its secondary address, but asynchronously; associating it
        // here makes the end state certain, and repairs an association that was lost.
        if (!(target.equals(eip.networkInterfaceId()) && ip.equals(eip.privateIpAddress()))) {
            ec2.associateAddress(r -> r.allocationId(eip.allocationId()).networkInterfaceId(target).privateIpAddress(ip)
                    .allowReassociation(true));
        }
        Log.info("fleet", (here.isPresent() ? ip + " already on " : "moved " + ip + " onto ") + target + ", Elastic IP "
                + eip.publicIp() + " (" + eip.allocationId() + ") with it");
        return true;
    }

    /** The interface whose primary address {@code ip} is, if any, in the node's subnet. */
    private Optional<String> primaryHolder(String ip, String subnet) {
        return ec2.describeNetworkInterfaces(r -> r.filters(filter("addresses.private-ip-address", ip), filter("subnet-id", subnet)))
                .networkInterfaces().stream()
                .filter(eni -> eni.privateIpAddresses().stream()
                        .anyMatch(a -> ip.equals(a.privateIpAddress()) && Boolean.TRUE.equals(a.primary())))
                .map(NetworkInterface::networkInterfaceId).findFirst();
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }

    @Override
    public void close() {
        ec2.close();
    }
}
