package com.emailengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class EmailEngineCliTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();



    @Test
    void configCheckSummarizesAValidFolder() {
        assertThat(EmailEngineCli.execute("config", "check", "--config", "../config/local")).isZero();

        assertThat(console.out()).contains("valid").contains("sos-expat").contains("50 IPs")
                .contains("source maps-scraper").contains("3 routing rule(s)");
    }

    @Test
    void aConfigurationErrorIsOneLineNamingFileAndLineWithExitCode2(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("../config/local/campaigns.yaml"), dir.resolve("campaigns.yaml"));
        List<String> tenants = Files.readAllLines(Path.of("../config/local/tenants.yaml"));
        int line = tenants.indexOf(tenants.stream().filter(l -> l.contains("default-language: fr")).findFirst().orElseThrow()) + 1;
        Files.writeString(dir.resolve("tenants.yaml"), String.join("\n", tenants).replace("default-language: fr", "default-langage: fr"));

        assertThat(EmailEngineCli.execute("config", "check", "--config", dir.toString())).isEqualTo(2);

        assertThat(console.err()).startsWith("email-engine: configuration error: tenants.yaml line " + line
                        + ": unknown key 'default-langage'")
                .doesNotContain("\tat ").hasLineCount(1);
    }

    @Test
    void dnsRecordsPrintsDkimSpfDmarcAndReturnPathForATenantDomain(@TempDir Path keys) {
        assertThat(EmailEngineCli.execute("dns", "records", "sos-expat.test", "--config", "../config/local",
                "--dkim-dir", keys.toString(), "--generate-keys")).isZero();

        assertThat(console.out())
                .contains("ee2026r._domainkey.sos-expat.test. 3600 IN TXT \"v=DKIM1; k=rsa; p=")
                .contains("ee2026e._domainkey.sos-expat.test. 3600 IN TXT \"v=DKIM1; k=ed25519; p=")
                .contains("sos-expat.test. 3600 IN TXT \"v=spf1 ip4:127.0.1.1 ")
                .contains("_dmarc.sos-expat.test. 3600 IN TXT \"v=DMARC1; p=none; rua=mailto:dmarc-reports@sos-expat.test\"")
                .contains("bounces.sos-expat.test. 3600 IN MX 10 mx.bounces.sos-expat.test.");
    }

    @Test
    void dnsRecordsWarnsThatPrivatePoolAddressesAreNotWhatSpfMustName(@TempDir Path keys) {
        assertThat(EmailEngineCli.execute("dns", "records", "mail.ulixai.example", "--config", "../config/prod",
                "--dkim-dir", keys.toString(), "--generate-keys")).isZero();

        assertThat(console.out()).contains("; WARNING: the pool lists private addresses").contains("output SpfRecordUlixai").contains("Values=ulixai");
    }

    @Test
    void dnsRecordsWithoutKeysSaysHowToCreateThem(@TempDir Path keys) {
        assertThat(EmailEngineCli.execute("dns", "records", "ulixai.test", "--config", "../config/local",
                "--dkim-dir", keys.toString())).isEqualTo(1);

        assertThat(console.err()).contains("no DKIM key for selector ee2026r").contains("--generate-keys").hasLineCount(1);
    }

    @Test
    void anUnknownDomainIsNamed() {
        assertThat(EmailEngineCli.execute("dns", "records", "nobody.test", "--config", "../config/local")).isEqualTo(1);

        assertThat(console.err()).contains("no tenant sends from nobody.test");
    }

    @Test
    void theDemoDeliversEveryContactAndReportsIt(@TempDir Path work) {
        int exit = EmailEngineCli.execute("demo", "--contacts", "6", "--config", "../config/local",
                "--mail-dir", work.resolve("mail").toString(), "--dkim-dir", work.resolve("dkim").toString());

        assertThat(exit).as(console.err()).isZero();
        assertThat(console.out()).contains("Delivered 6 of 6 contacts")
                .contains("Source IPs outside the sending tenant's pool: 0")
                .contains("12 of 12 pass");
        assertThat(work.resolve("mail/gmail")).isDirectoryContaining("glob:**.eml");
    }
}
