package com.emailengine.core.pmta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.core.config.ConfigFiles;
import com.emailengine.core.config.DeliveryPolicy;
import com.emailengine.core.config.DirectoryConfigSource;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.throttle.Provider;
import com.emailengine.core.throttle.TlsPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PowerMtaImportTest {

    private static String sample() throws IOException {
        return Files.readString(Path.of("src/test/resources/pmta/config"));
    }

    @Test
    void domainBlocksBecomeProvidersWhoseThrottlesLoadAsOurConfiguration() throws IOException {
        PowerMtaImport.Result result = PowerMtaImport.of(sample());

        EngineConfig local = EngineConfig.load(new DirectoryConfigSource(Path.of("../config/local")));
        DeliveryPolicy policy = DeliveryPolicy.load(new ConfigFiles(Map.of(DeliveryPolicy.THROTTLES_FILE, result.throttlesYaml())), local.tenants());
        Provider gmail = policy.throttles().providerFor("googlemail.com", "unknown.mx.test");
        assertThat(gmail.name()).isEqualTo("gmail-com");
        assertThat(policy.throttles().providerOf("alt2.gmail-smtp-in.l.google.com")).isEqualTo(gmail);
        assertThat(gmail.limits().maxConnections()).isEqualTo(5);
        assertThat(gmail.limits().messagesPerConnection()).isEqualTo(50);
        assertThat(gmail.limits().messagesPerHour()).isEqualTo(600);
        assertThat(gmail.limits().backoff()).isEqualTo(Duration.ofMinutes(20));
        assertThat(gmail.limits().maxBackoff()).isEqualTo(Duration.ofHours(2));
        assertThat(gmail.limits().retryAfter()).contains(Duration.ofMinutes(10));
        Provider hotmail = policy.throttles().providerFor("hotmail.com", "x.test");
        assertThat(hotmail.limits().messagesPerHour()).isEqualTo(600);
        assertThat(hotmail.limits().tls()).isEqualTo(TlsPolicy.REQUIRED);
        assertThat(policy.throttles().others().maxConnections()).isEqualTo(10);
        assertThat(policy.throttles().others().bounceAfter()).contains(Duration.ofDays(4));
        assertThat(result.providers()).isEqualTo(2);
    }

    @Test
    void virtualMtaPoolsBecomeIpPoolEntriesWithTheirEhloNames() throws IOException {
        PowerMtaImport.Result result = PowerMtaImport.of(sample());

        assertThat(result.poolsYaml()).contains("""
                sos-expat:
                  ip-pool:
                    - addresses: 127.0.1.1
                      ehlo: "mta1.sos-expat.test"
                    - addresses: 127.0.1.2
                      ehlo: "mta2.sos-expat.test"
                """);
        assertThat(result.addresses()).isEqualTo(3);
    }

    @Test
    void reportsEveryDirectiveItCouldNotMapWithItsLine() throws IOException {
        PowerMtaImport.Result result = PowerMtaImport.of(sample());

        assertThat(result.report()).contains(
                "line 2: global 'postmaster' not imported (server settings of PowerMTA)",
                "line 10: <domain gmail.com> inside virtual-mta mta2: per-IP overrides are not supported; the provider's limits apply to every IP",
                "line 15: smtp-source-host 127.0.1.51 has no host name: set its ehlo (PTR) name",
                "line 39: <domain gmail.com googlemail.com> backoff-max-msg-rate 60/h: no equivalent; not imported",
                "line 47: <domain hotmail.com> dkim-sign yes: no equivalent; not imported");
    }

    @Test
    void anUnclosedBlockIsAnErrorNamingItsLine() {
        assertThatThrownBy(() -> PowerMtaImport.of("<domain gmail.com>\n  max-smtp-out 2\n"))
                .hasMessage("line 1: <domain gmail.com> is never closed");
    }
}
