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

    private static Map<String, String> with(String key, String value) {
        Map<String, String> settings = new HashMap<>(LOCAL);
        settings.put(key, value);
        return settings;
    }
}
