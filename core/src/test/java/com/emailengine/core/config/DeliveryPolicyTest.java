package com.emailengine.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.core.throttle.Provider;
import com.emailengine.core.throttle.Throttles;
import com.emailengine.core.throttle.TlsPolicy;
import com.emailengine.core.warmup.BlocklistWatch;
import com.emailengine.core.warmup.WarmupPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {

    private static final EngineConfig LOCAL = EngineConfig.load(new DirectoryConfigSource(Path.of("../config/local")));

    private static ConfigSource files(Map<String, String> files) {
        return new ConfigFiles(files);
    }

    private static DeliveryPolicy load(String throttles, String warmup) {
        Map<String, String> map = new HashMap<>();
        if (throttles != null) {
            map.put(DeliveryPolicy.THROTTLES_FILE, throttles);
        }
        if (warmup != null) {
            map.put(DeliveryPolicy.WARMUP_FILE, warmup);
        }
        return DeliveryPolicy.load(files(map), LOCAL.tenants());
    }

    @Test
    void theShippedLocalPolicyRollsProviderMxHostsUpAndSplitsTheSixWeekPlan() {
        DeliveryPolicy policy = DeliveryPolicy.load(new DirectoryConfigSource(Path.of("../config/local")), LOCAL.tenants());

        Throttles throttles = policy.throttles();
        assertThat(throttles.providerOf("alt1.gmail-smtp-in.l.google.com").name()).isEqualTo("gmail");
        assertThat(throttles.providerOf("mx1.googlemail.test.").name()).isEqualTo("gmail");
        assertThat(throttles.providerOf("example-com.mail.protection.outlook.com").name()).isEqualTo("microsoft");
        assertThat(throttles.providerOf("mx1.example.test").name()).isEqualTo(Provider.OTHERS);
        assertThat(throttles.providerOf("mx1.gmail.test").limits().maxConnections()).isEqualTo(3);
        assertThat(throttles.providerOf("mx1.example.test").limits().messagesPerConnection()).isEqualTo(100);
        WarmupPlan plan = policy.warmup();
        assertThat(plan.days()).isEqualTo(42);
        assertThat(plan.dailyQuota(1)).isEqualTo(50);
        assertThat(plan.providerQuota(1, "gmail")).isEqualTo(20);
        assertThat(plan.providerQuota(1, "yahoo")).isEqualTo(7);
        assertThat(plan.dailyQuota(42)).isEqualTo(60_000);
    }

    @Test
    void withoutFilesEveryMxGetsTheDefaultsAndTheWholeQuotaGoesToOthers() {
        DeliveryPolicy policy = load(null, null);

        assertThat(policy.throttles().providerOf("mx1.gmail.test").name()).isEqualTo(Provider.OTHERS);
        assertThat(policy.warmup().shareGroup("gmail")).isEqualTo(WarmupPlan.OTHERS);
        assertThat(policy.warmup().providerQuota(1, WarmupPlan.OTHERS)).isEqualTo(50);
    }

    @Test
    void aProviderInheritsTheDefaultsItDoesNotSet() {
        DeliveryPolicy policy = load("""
                defaults: { max-connections: 4, backoff: 1m, max-backoff: 1h, tls: required }
                providers:
                  - { name: gmail, mx: ["*.google.com"], messages-per-hour: 10 }
                tls-required-domains: [bank.test]
                """, null);

        Provider gmail = policy.throttles().providerOf("aspmx.l.google.com");
        assertThat(gmail.limits().maxConnections()).isEqualTo(4);
        assertThat(gmail.limits().messagesPerHour()).isEqualTo(10);
        assertThat(gmail.limits().backoffAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(gmail.limits().backoffAfter(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(gmail.limits().backoffAfter(30)).isEqualTo(Duration.ofHours(1));
        assertThat(policy.throttles().tlsFor("mail.bank.test", policy.throttles().providerOf("mx.other.test")))
                .isEqualTo(TlsPolicy.REQUIRED);
    }

    @Test
    void aMisspeltThrottleKeyIsAnErrorOnItsLine() {
        assertThatThrownBy(() -> load("""
                providers:
                  - name: gmail
                    mx: ["*.google.com"]
                    max-conections: 3
                """, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("throttles.yaml line 4: unknown key 'max-conections'");
    }

    @Test
    void anMxPatternClaimedByTwoProvidersIsRefused() {
        assertThatThrownBy(() -> load("""
                providers:
                  - { name: gmail, mx: ["*.google.com"] }
                  - { name: other, mx: ["*.google.com"] }
                """, null))
                .hasMessageStartingWith("throttles.yaml line 3: MX pattern '*.google.com' already belongs to another provider");
    }

    @Test
    void sharesThatDoNotAddUpTo100AreRefusedNamingTheLine() {
        assertThatThrownBy(() -> load(null, """
                daily-volume: [10, 20]
                provider-share:
                  others: 90%
                """))
                .hasMessageStartingWith("warmup.yaml line 3: provider shares add up to 90%, not 100%");
    }

    @Test
    void aShareForAnUnknownProviderIsRefused() {
        assertThatThrownBy(() -> load(null, """
                provider-share: { gmial: 40%, others: 60% }
                """))
                .hasMessageContaining("warmup.yaml line 1: provider 'gmial' is not defined in throttles.yaml");
    }

    @Test
    void aDailyVolumeThatGoesDownIsRefused() {
        assertThatThrownBy(() -> load(null, """
                daily-volume:
                  - 50
                  - 40
                """))
                .hasMessageStartingWith("warmup.yaml line 3: daily volume 40 is below the day before (50)");
    }

    @Test
    void warmAddressesMustBeInAPool() {
        DeliveryPolicy policy = load(null, "warm-addresses: [127.0.1.1-127.0.1.2]\n");
        assertThat(policy.warmup().isWarm("127.0.1.2")).isTrue();
        assertThat(policy.warmup().isWarm("127.0.1.3")).isFalse();

        assertThatThrownBy(() -> load(null, "warm-addresses:\n  - 10.9.9.9\n"))
                .hasMessageStartingWith("warmup.yaml line 2: address 10.9.9.9 is in no tenant's ip-pool");
    }

    @Test
    void withoutBlocklistsNothingIsChecked() {
        assertThat(load(null, null).warmup().blocklists()).isEqualTo(BlocklistWatch.NONE);
        assertThat(load(null, "pause:\n  rest: 1d\n").warmup().blocklists().watchesAny()).isFalse();
    }

    @Test
    void blocklistsAndTheirIntervalAreReadFromThePauseSection() {
        BlocklistWatch watch = load(null, """
                pause:
                  blocklists: [zen.spamhaus.org, B.Barracudacentral.org., bl.spamcop.net]
                  blocklist-check-every: 15m
                """).warmup().blocklists();

        assertThat(watch.zones()).containsExactly("zen.spamhaus.org", "b.barracudacentral.org", "bl.spamcop.net");
        assertThat(watch.checkEvery()).isEqualTo(Duration.ofMinutes(15));
        assertThat(load(null, "pause:\n  blocklists: [bl.test]\n").warmup().blocklists().checkEvery())
                .isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aBlocklistThatIsNotADnsZoneIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> load(null, """
                pause:
                  blocklists:
                    - zen.spamhaus.org
                    - "bl spamcop net"
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("warmup.yaml line 4: blocklist 'bl spamcop net' is not a DNS zone");
        assertThatThrownBy(() -> load(null, "pause:\n  blocklists: [spamhaus]\n"))
                .hasMessageStartingWith("warmup.yaml line 2: blocklist 'spamhaus' is not a DNS zone");
        assertThatThrownBy(() -> load(null, "pause:\n  blocklists: [-bad.example.org]\n"))
                .hasMessageStartingWith("warmup.yaml line 2: blocklist '-bad.example.org' is not a DNS zone");
    }

    @Test
    void aBlocklistListedTwiceIsRefused() {
        assertThatThrownBy(() -> load(null, "pause:\n  blocklists: [bl.test, BL.test]\n"))
                .hasMessageStartingWith("warmup.yaml line 2: blocklist 'bl.test' is listed twice");
    }

    @Test
    void aBadBlocklistIntervalIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> load(null, """
                pause:
                  blocklists: [bl.test]
                  blocklist-check-every: soon
                """))
                .hasMessageStartingWith("warmup.yaml line 3: blocklist-check-every must be a duration");
        assertThatThrownBy(() -> load(null, """
                pause:
                  blocklist-check-every: 10s
                """))
                .hasMessageStartingWith("warmup.yaml line 2: blocklist-check-every must be between 1m and 1d, got 10s");
    }
}
