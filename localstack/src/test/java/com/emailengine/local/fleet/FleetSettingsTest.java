package com.emailengine.local.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.core.delivery.RetrySchedule;
import com.emailengine.fleet.FleetSettings;
import com.emailengine.functions.runtime.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link FleetSettings} read from the same settings the functions use. */
class FleetSettingsTest {

    private static final Map<String, String> LOCAL = Map.of(
            FleetSettings.NODE_ID, "local-node-1",
            FleetSettings.DNS_RESOLVER, "127.0.4.53:10053",
            FleetSettings.SMTP_PORT, "2525",
            FleetSettings.MAX_IN_FLIGHT, "8",
            FleetSettings.RECEIVE_WAIT, "1",
            FleetSettings.RETRY_FIRST_DELAY, "5",
            FleetSettings.DKIM_KEY_DIR, "/var/lib/email-engine/dkim");

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
        FleetSettings settings = FleetSettings.from(Settings.of(Map.of(FleetSettings.DKIM_KEY_DIR, "/keys")));

        assertThat(settings.dnsResolver()).isEqualTo("system");
        assertThat(settings.smtpPort()).isEqualTo(25);
        assertThat(settings.receiveWaitSeconds()).isEqualTo(20);
        assertThat(settings.retry()).isEqualTo(RetrySchedule.standard());
        assertThat(settings.nodeId()).isNotBlank();
    }

    @Test
    void refusesValuesANodeCouldNotRunWithNamingTheSetting() {
        assertThatThrownBy(() -> FleetSettings.from(Settings.of(with(FleetSettings.MAX_IN_FLIGHT, "0"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(FleetSettings.MAX_IN_FLIGHT);
        assertThatThrownBy(() -> FleetSettings.from(Settings.of(with(FleetSettings.RECEIVE_WAIT, "21"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(FleetSettings.RECEIVE_WAIT);
        assertThatThrownBy(() -> FleetSettings.from(Settings.of(with(FleetSettings.SMTP_PORT, "smtp"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(FleetSettings.SMTP_PORT);
        assertThatThrownBy(() -> FleetSettings.from(Settings.of(with(FleetSettings.RETRY_FIRST_DELAY, "0"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(FleetSettings.RETRY_FIRST_DELAY);
    }

    @Test
    void onEc2ReadsTheNodesSendingInterfacesWithTheirHomeAddressesAndTheInstanceTypesLimit() {
        Map<String, String> ec2 = with(FleetSettings.ADDRESSES, "10.20.1.10,10.20.1.15,10.20.1.20");
        ec2.put(FleetSettings.INTERFACES, "eni-0a1b2c3d4e5f60718=10.20.1.10,10.20.1.15;eni-0f1e2d3c4b5a69788=10.20.1.20");
        ec2.put(FleetSettings.ADDRESSES_PER_INTERFACE, "10");

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
        Map<String, String> noLimit = with(FleetSettings.ADDRESSES, "10.20.1.10");
        noLimit.put(FleetSettings.INTERFACES, "eni-0a1b2c3d=10.20.1.10");
        assertThatThrownBy(() -> FleetSettings.from(Settings.of(noLimit)))
                .hasMessageContaining(FleetSettings.ADDRESSES_PER_INTERFACE).hasMessageContaining(FleetSettings.INTERFACES);

        Map<String, String> mismatch = with(FleetSettings.ADDRESSES, "10.20.1.10,10.20.1.11");
        mismatch.put(FleetSettings.INTERFACES, "eni-0a1b2c3d=10.20.1.10");
        mismatch.put(FleetSettings.ADDRESSES_PER_INTERFACE, "10");
        assertThatThrownBy(() -> FleetSettings.from(Settings.of(mismatch)))
                .hasMessageContaining(FleetSettings.INTERFACES).hasMessageContaining(FleetSettings.ADDRESSES);

        Map<String, String> malformed = with(FleetSettings.ADDRESSES, "10.20.1.10");
        malformed.put(FleetSettings.INTERFACES, "ens6=10.20.1.10");
        malformed.put(FleetSettings.ADDRESSES_PER_INTERFACE, "10");
        assertThatThrownBy(() -> FleetSettings.from(Settings.of(malformed))).hasMessageContaining(FleetSettings.INTERFACES);
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> settings = new HashMap<>(LOCAL);
        settings.put(key, value);
        return settings;
    }
}
