package com.emailengine.fleet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.core.delivery.RetrySchedule;
import com.emailengine.platform.runtime.FleetSettingKeys;
import com.emailengine.platform.runtime.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link FleetSettings} read from the same settings the functions use. */
class FleetSettingsTest {

    private static final Map<String, String> LOCAL = Map.of(
            FleetSettingKeys.NODE_ID, "local-node-1",
            Settings.DNS_RESOLVER, "127.0.4.53:10053",
            FleetSettingKeys.SMTP_PORT, "2525",
            FleetSettingKeys.MAX_IN_FLIGHT, "8",
            FleetSettingKeys.RECEIVE_WAIT, "1",
            FleetSettingKeys.RETRY_FIRST_DELAY, "5",
            FleetSettingKeys.DKIM_KEY_DIR, "/var/lib/email-engine/dkim");

    @Test
    void readsEverySettingTheLocalCloudHandsOver() {
        FleetSettings settings = FleetSettings.from(Settings.of(LOCAL));

        assertThat(settings.nodeId()).isEqualTo("local-node-1");
        assertThat(settings.dnsResolver()).isEqualTo("127.0.4.53:10053");
        assertThat(settings.smtpPort()).isEqualTo(2525);
        assertThat(settings.maxInFlight()).isEqualTo(8);
        assertThat(settings.receiveWaitSeconds()).isEqualTo(1);
        assertThat(settings.dkimKeyDir()).isEqualTo(Path.of("/var/lib/email-engine/dkim"));
        assertThat(settings.retry()).isEqualTo(new RetrySchedule(Duration.ofSeconds(5), RetrySchedule.standard().maxDelay(),
                RetrySchedule.standard().maxAge()));
    }

    @Test
    void defaultsToTheInternetAndTheStandardRetrySchedule() {
        FleetSettings settings = FleetSettings.from(Settings.of(Map.of(FleetSettingKeys.DKIM_KEY_DIR, "/keys")));

        assertThat(settings.dnsResolver()).isEqualTo("system");
        assertThat(settings.smtpPort()).isEqualTo(25);
        assertThat(settings.receiveWaitSeconds()).isEqualTo(20);
        assertThat(settings.retry()).isEqualTo(RetrySchedule.standard());
        assertThat(settings.nodeId()).isNotBlank();
    }

    @Test
    void refusesValuesANodeCouldNotRunWithNamingTheSetting() {
        assertThatThrownBy(() -> FleetSettings.from(Settings.of(with(FleetSettingKeys.MAX_IN_FLIGHT, "0"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(FleetSettingKeys.MAX_IN_FLIGHT);
        assertThatThrownBy(() -> FleetSettings.from(Settings.of(with(FleetSettingKeys.RECEIVE_WAIT, "21"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(FleetSettingKeys.RECEIVE_WAIT);
        assertThatThrownBy(() -> FleetSettings.from(Settings.of(with(FleetSettingKeys.SMTP_PORT, "smtp"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(FleetSettingKeys.SMTP_PORT);
        assertThatThrownBy(() -> FleetSettings.from(Settings.of(with(FleetSettingKeys.RETRY_FIRST_DELAY, "0"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(FleetSettingKeys.RETRY_FIRST_DELAY);
    }

    @Test
    void onEc2ReadsTheNodesSendingInterfacesWithTheirHomeAddressesAndTheInstanceTypesLimit() {
        Map<String, String> ec2 = with(FleetSettingKeys.ADDRESSES, "10.20.1.10,10.20.1.15,10.20.1.20");
        ec2.put(FleetSettingKeys.INTERFACES, "eni-0a1b2c3d4e5f60718=10.20.1.10,10.20.1.15;eni-0f1e2d3c4b5a69788=10.20.1.20");
        ec2.put(FleetSettingKeys.ADDRESSES_PER_INTERFACE, "10");

        FleetSettings settings = FleetSettings.from(Settings.of(ec2));

        assertThat(settings.interfaces()).hasValueSatisfying(layout -> {
            assertThat(layout.ids()).containsExactly("eni-0a1b2c3d4e5f60718", "eni-0f1e2d3c4b5a69788");
            assertThat(layout.interfaces().getFirst().home()).containsExactly("10.20.1.10", "10.20.1.15");
            assertThat(layout.addressesPerInterface()).isEqualTo(10);
        });
        assertThat(FleetSettings.from(Settings.of(LOCAL)).interfaces()).as("locally addresses never move").isEmpty();
    }

    @Test
    void interfacesWithoutTheirLimitOrNotCarryingExactlyTheHomeAddressesAreRefusedNamingTheSettings() {
        Map<String, String> noLimit = with(FleetSettingKeys.ADDRESSES, "10.20.1.10");
        noLimit.put(FleetSettingKeys.INTERFACES, "eni-0a1b2c3d=10.20.1.10");
        assertThatThrownBy(() -> FleetSettings.from(Settings.of(noLimit)))
                .hasMessageContaining(FleetSettingKeys.ADDRESSES_PER_INTERFACE).hasMessageContaining(FleetSettingKeys.INTERFACES);

        Map<String, String> mismatch = with(FleetSettingKeys.ADDRESSES, "10.20.1.10,10.20.1.11");
        mismatch.put(FleetSettingKeys.INTERFACES, "eni-0a1b2c3d=10.20.1.10");
        mismatch.put(FleetSettingKeys.ADDRESSES_PER_INTERFACE, "10");
        assertThatThrownBy(() -> FleetSettings.from(Settings.of(mismatch)))
                .hasMessageContaining(FleetSettingKeys.INTERFACES).hasMessageContaining(FleetSettingKeys.ADDRESSES);

        Map<String, String> malformed = with(FleetSettingKeys.ADDRESSES, "10.20.1.10");
        malformed.put(FleetSettingKeys.INTERFACES, "ens6=10.20.1.10");
        malformed.put(FleetSettingKeys.ADDRESSES_PER_INTERFACE, "10");
        assertThatThrownBy(() -> FleetSettings.from(Settings.of(malformed))).hasMessageContaining(FleetSettingKeys.INTERFACES);
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> settings = new HashMap<>(LOCAL);
        settings.put(key, value);
        return settings;
    }
}
