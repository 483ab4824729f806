package com.emailengine.cdk.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.core.config.DirectoryConfigSource;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.tenant.Tenants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetPlanTest {

    private static final Path PROD_CONFIG = Path.of("src/test/resources/config/prod");

    @TempDir
    Path temp;

    @Test
    void hundredAddressesOnC7gLargeMakeFiveNodesOfTwoInterfacesOfTen() {
        FleetPlan plan = FleetPlan.of(prodTenants(), InstanceCapacity.of("c7g.large"));
        assertThat(plan.addressCount()).isEqualTo(100);
        assertThat(plan.nodes()).hasSize(5).allSatisfy(node -> {
            assertThat(node.interfaces()).extracting(InterfacePlan::deviceIndex).containsExactly(1, 2);
            assertThat(node.interfaces()).allSatisfy(eni -> assertThat(eni.addresses()).hasSize(10));
        });
    }

    @Test
    void everyConfiguredAddressLivesOnExactlyOneInterface() {
        FleetPlan plan = FleetPlan.of(prodTenants(), InstanceCapacity.of("c7g.xlarge"));
        List<String> placed = plan.nodes().stream().flatMap(n -> n.addresses().stream()).map(SendingAddressPlan::privateIp).toList();
        Set<String> configured = new HashSet<>();
        prodTenants().all().forEach(t -> t.pool().addresses().forEach(a -> configured.add(a.ip())));
        assertThat(placed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(configured);
    }

    @Test
    void noNodeOrInterfaceExceedsTheInstanceTypesLimits() {
        for (InstanceCapacity capacity : InstanceCapacity.KNOWN) {
            FleetPlan plan = FleetPlan.of(prodTenants(), capacity);
            assertThat(plan.nodes()).as(capacity.instanceType()).allSatisfy(node -> {
                assertThat(node.addresses()).hasSizeLessThanOrEqualTo(capacity.sendingAddressesPerNode());
                assertThat(node.interfaces()).hasSizeLessThanOrEqualTo(capacity.networkInterfaces() - 1)
                        .allSatisfy(eni -> assertThat(eni.addresses()).hasSizeLessThanOrEqualTo(capacity.addressesPerInterface()));
            });
        }
        // 100 / (3 x 15) -> 3 nodes; 100 / (2 x 6) -> 9 nodes.
        assertThat(FleetPlan.of(prodTenants(), InstanceCapacity.of("c7g.xlarge")).nodes()).hasSize(3);
        assertThat(FleetPlan.of(prodTenants(), InstanceCapacity.of("t4g.medium")).nodes()).hasSize(9);
    }

    @Test
    void everyNodeSendsForEveryTenantSoLosingOneCostsEachTenantTheSameShare() {
        FleetPlan plan = FleetPlan.of(prodTenants(), InstanceCapacity.of("c7g.large"));
        assertThat(plan.nodes()).allSatisfy(node -> assertThat(node.addresses())
                .filteredOn(a -> a.tenantId().equals("sos-expat")).hasSize(10));
    }

    @Test
    void aSmallPoolStillGetsTwoNodes() throws IOException {
        FleetPlan plan = FleetPlan.of(tenantsWithPools("10.30.5.10-10.30.5.13", "10.30.5.20"), InstanceCapacity.of("c7g.large"));
        assertThat(plan.nodes()).hasSize(FleetPlan.MINIMUM_NODES);
        assertThat(plan.addressCount()).isEqualTo(5);
    }

    @Test
    void theSubnetIsTheSlash24OfTheAddressesInASlash16Vpc() {
        FleetPlan plan = FleetPlan.of(prodTenants(), InstanceCapacity.of("c7g.large"));
        assertThat(plan.subnetCidr()).isEqualTo("10.20.1.0/24");
        assertThat(plan.vpcCidr()).isEqualTo("10.20.0.0/16");
        assertThat(plan.resolverAddress()).isEqualTo("10.20.0.2");
    }

    @Test
    void hundredAddressesOnC7gLargeFillEveryInterfaceSoNoSurvivorCanTakeADeadNodesAddressesOver() {
        FleetPlan plan = FleetPlan.of(prodTenants(), InstanceCapacity.of("c7g.large"));
        assertThat(plan.nodes()).allSatisfy(node -> {
            assertThat(plan.freeSlots(node)).isZero();
            assertThat(plan.takeoverRoom(node)).isZero();
        });
    }

    @Test
    void freeSlotsOnTheSurvivorsBoundHowManyOfADeadNodesSecondaryAddressesMove() throws IOException {
        // 90 addresses on 5 c7g.large: 18 per node (interfaces of 10 and 8), 2 free slots each; of a dead node's
        // 18 addresses 2 are primaries, 16 could move, the 4 survivors hold 8 of them.
        FleetPlan ninety = FleetPlan.of(tenantsWithPools("10.30.5.10-10.30.5.54", "10.30.5.60-10.30.5.104"), InstanceCapacity.of("c7g.large"));
        assertThat(ninety.addressCount()).isEqualTo(90);
        assertThat(ninety.nodes()).allSatisfy(node -> {
            assertThat(ninety.freeSlots(node)).isEqualTo(2);
            assertThat(ninety.takeoverRoom(node)).isEqualTo(8);
        });
        // 100 on 3 c7g.xlarge (15 per interface): 34/33/33 addresses, 11-12 free slots each.
        FleetPlan xlarge = FleetPlan.of(prodTenants(), InstanceCapacity.of("c7g.xlarge"));
        assertThat(xlarge.nodes()).extracting(xlarge::takeoverRoom).containsExactly(24, 23, 23);
    }

    @Test
    void addressesAcrossSeveralSlash24sWidenTheSubnet() throws IOException {
        FleetPlan plan = FleetPlan.of(tenantsWithPools("10.30.4.10-10.30.4.20", "10.30.7.10-10.30.7.20"), InstanceCapacity.of("c7g.large"));
        assertThat(plan.subnetCidr()).isEqualTo("10.30.4.0/22");
    }

    @Test
    void publicAddressesAreRefusedBecauseTheyAreTheElasticIpsNotThePool() throws IOException {
        assertThatThrownBy(() -> FleetPlan.of(tenantsWithPools("198.51.100.10-198.51.100.20", "10.30.5.20"),
                InstanceCapacity.of("c7g.large"))).hasMessageContaining("198.51.100.10").hasMessageContaining("private");
    }

    @Test
    void addressesAwsReservesInTheSubnetAreRefused() throws IOException {
        assertThatThrownBy(() -> FleetPlan.of(tenantsWithPools("10.30.5.1-10.30.5.4", "10.30.5.20"),
                InstanceCapacity.of("c7g.large"))).hasMessageContaining("reserves");
    }

    @Test
    void anUnknownInstanceTypeNamesTheKnownOnes() {
        assertThatThrownBy(() -> InstanceCapacity.of("x9.huge")).hasMessageContaining("x9.huge").hasMessageContaining("c7g.large");
    }

    private static Tenants prodTenants() {
        return EngineConfig.load(new DirectoryConfigSource(PROD_CONFIG)).tenants();
    }

    private Tenants tenantsWithPools(String sosExpat, String ulixai) throws IOException {
        String tenants = Files.readString(PROD_CONFIG.resolve("tenants.yaml"))
                .replace("10.20.1.10-10.20.1.59", sosExpat).replace("10.20.1.60-10.20.1.109", ulixai);
        Files.writeString(temp.resolve("tenants.yaml"), tenants);
        Files.copy(PROD_CONFIG.resolve("campaigns.yaml"), temp.resolve("campaigns.yaml"));
        return EngineConfig.load(new DirectoryConfigSource(temp)).tenants();
    }
}
