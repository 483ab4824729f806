package com.emailengine.fleet.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.platform.runtime.FleetSettingKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeInterfacesTest {

    private static final NodeInterfaces NODE = NodeInterfaces.parse(FleetSettingKeys.INTERFACES,
            "eni-0a000001=10.20.1.10,10.20.1.12; eni-0b000002=10.20.1.11", 3);

    @Test
    void readsTheFormTheBootScriptWrites() {
        assertThat(NODE.ids()).containsExactly("eni-0a000001", "eni-0b000002");
        assertThat(NODE.interfaces().getFirst().home()).containsExactly("10.20.1.10", "10.20.1.12");
        assertThat(NODE.home()).containsExactlyInAnyOrder("10.20.1.10", "10.20.1.11", "10.20.1.12");
        assertThat(NODE.addressesPerInterface()).isEqualTo(3);
    }

    @Test
    void aHomeAddressGoesBackToItsOwnInterfaceEvenWhenAnEarlierOneHasRoom() {
        Map<String, List<String>> carried = Map.of("eni-0a000001", List.of("10.20.1.10", "10.20.1.12"), "eni-0b000002", List.of());
        NodeInterfaces bFirst = new NodeInterfaces(List.of(NODE.interfaces().get(1), NODE.interfaces().get(0)), 3);

        assertThat(bFirst.placeFor("10.20.1.12", Map.of("eni-0a000001", List.of("10.20.1.10"), "eni-0b000002", List.of("10.20.1.11"))))
                .contains("eni-0a000001");
        assertThat(NODE.placeFor("10.20.1.30", carried)).as("a takeover takes the first interface with room").contains("eni-0a000001");
    }

    @Test
    void aTakeoverLeavesTheSlotOfAHomeAddressThatIsAwayFree() {
        // A carries .10 and .13 (taken over); its .12 is away and keeps the third slot.
        Map<String, List<String>> carried = Map.of("eni-0a000001", List.of("10.20.1.10", "10.20.1.13"),
                "eni-0b000002", List.of("10.20.1.11", "10.20.1.14", "10.20.1.15"));

        assertThat(NODE.placeFor("10.20.1.30", carried)).isEmpty();
        assertThat(NODE.placeFor("10.20.1.12", carried)).contains("eni-0a000001");
    }

    @Test
    void aMalformedSettingIsRefusedNamingIt() {
        assertThatThrownBy(() -> NodeInterfaces.parse(FleetSettingKeys.INTERFACES, "10.20.1.10,10.20.1.11", 3))
                .hasMessageContaining(FleetSettingKeys.INTERFACES);
        assertThatThrownBy(() -> NodeInterfaces.parse(FleetSettingKeys.INTERFACES, "eni-0a000001=10.20.1.300", 3))
                .hasMessageContaining(FleetSettingKeys.INTERFACES).hasMessageContaining("10.20.1.300");
        assertThatThrownBy(() -> NodeInterfaces.parse(FleetSettingKeys.INTERFACES, "eni-0a000001=10.20.1.10;eni-0b000002=10.20.1.10", 3))
                .hasMessageContaining("two interfaces");
        assertThatThrownBy(() -> NodeInterfaces.parse(FleetSettingKeys.INTERFACES, "eni-0a000001=10.20.1.10,10.20.1.11", 1))
                .hasMessageContaining("more than the 1");
    }
}
