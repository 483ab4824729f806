package com.emailengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.adapters.fleetstate.IpLeases;
import com.emailengine.adapters.fleetstate.SendingQuotas;
import com.emailengine.adapters.fleetstate.WarmupRecords;
import com.emailengine.core.config.DirectoryConfigSource;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.warmup.WarmupProgress;
import com.emailengine.core.warmup.WarmupStatus;
import com.emailengine.emulators.cloud.CloudEndpoints;
import com.emailengine.emulators.cloud.EmulatorSettings;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.cloud.ResourceProvisioner;
import com.emailengine.platform.aws.AwsClients;
import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code warmup plan}, {@code warmup status} (against the local DynamoDB) and {@code fleet import-pmta}. */
class FleetOperatorCommandsTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();


    @Test
    void warmupPlanPrintsEachDaysVolumeSplitPerProvider() {
        assertThat(EmailEngineCli.execute("warmup", "plan", "--config", "../config/local")).isZero();

        assertThat(console.out()).containsPattern("week\\s+day\\s+per IP\\s+gmail 40%\\s+microsoft 30%\\s+yahoo 15%\\s+others 15%")
                .containsPattern("\\n1\\s+1\\s+50\\s+20\\s+15\\s+7\\s+7\\n")
                .containsPattern("\\n6\\s+42\\s+60000\\s+24000\\s+18000\\s+9000\\s+9000\\n")
                .contains("After day 42 an IP is warm. 100 IP(s) in the pools");
    }

    @Test
    void warmupStatusShowsEachIpsNodeDayQuotaSentAndDeferredFromTheFleetState() {
        try (LocalEmulators emulators = LocalEmulators.start(EmulatorSettings.ephemeral())) {
            CloudEndpoints endpoints = emulators.endpoints();
            Map<String, String> settings = Map.of(Settings.STAGE, "clistatus", Settings.REGION, endpoints.region(),
                    Settings.DYNAMODB_ENDPOINT, endpoints.dynamoDb().toString(), Settings.SQS_ENDPOINT, endpoints.sqs().toString(),
                    Settings.S3_ENDPOINT, endpoints.s3().toString(), Settings.ACCESS_KEY_ID, endpoints.accessKeyId(),
                    Settings.SECRET_ACCESS_KEY, endpoints.secretAccessKey());
            EngineConfig config = EngineConfig.load(new DirectoryConfigSource(Path.of("../config/local")));
            try (AwsClients aws = new AwsClients(Settings.of(settings)); DynamoDbClient dynamo = aws.dynamoDb()) {
                new ResourceProvisioner(aws.sqs(), dynamo, aws.s3()).provision(SystemTopology.forTenants(config.tenants().ids()),
                        new ResourceNames("clistatus"));
                String table = new ResourceNames("clistatus").table(SystemTopology.FLEET_STATE_TABLE);
                Instant now = Instant.now();
                LocalDate today = LocalDate.now(ZoneOffset.UTC);
                new IpLeases(dynamo, table).acquire("127.0.1.7", "ee-prod-node-2", now, Duration.ofMinutes(5));
                new WarmupRecords(dynamo, table).replace("127.0.1.7", Optional.empty(),
                        new WarmupProgress(3, WarmupStatus.WARMING, today, Instant.EPOCH, "advanced: day 2 done"));
                new SendingQuotas(dynamo, table).add("127.0.1.7", "day#" + today + "#gmail",
                        Map.of("attempts", 41L, "delivered", 38L, "deferred", 3L), now.plus(Duration.ofDays(2)));
            }

            int exit = EmailEngineCli.execute("warmup", "status", "--config", "../config/local", "--stage", "clistatus",
                    "--aws-endpoint", endpoints.dynamoDb().toString());

            assertThat(exit).as(console.err()).isZero();
            assertThat(console.out()).containsPattern("ip\\s+tenant\\s+node\\s+status\\s+day\\s+quota\\s+sent\\s+deferred\\s+bounced")
                    .containsPattern("127\\.0\\.1\\.7\\s+sos-expat\\s+ee-prod-node-2\\s+warming\\s+3\\s+100\\s+41\\s+3\\s+0\\s+advanced: day 2 done")
                    .containsPattern("127\\.0\\.1\\.8\\s+sos-expat\\s+-\\s+warming\\s+1\\s+50\\s+0\\s+0\\s+0\\s+not used yet");
        }
    }

    @Test
    void importPmtaWritesThrottlesThatPassConfigCheckAndReportsWhatItCouldNotMap(@TempDir Path work) throws Exception {
        Path config = work.resolve("config");
        Files.createDirectories(config);
        for (String file : new String[] {"tenants.yaml", "campaigns.yaml", "warmup.yaml"}) {
            Files.copy(Path.of("../config/local").resolve(file), config.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path pmta = work.resolve("pmta.config");
        Files.writeString(pmta, """
                <virtual-mta mta1>
                    smtp-source-host 127.0.1.1 mta1.sos-expat.test
                </virtual-mta>
                <virtual-mta-pool sos-expat>
                    virtual-mta mta1
                </virtual-mta-pool>
                <domain gmail.com>
                    max-smtp-out 4
                    max-msg-rate 100/h
                    pipelining yes
                </domain>
                <domain yahoo.com>
                    max-smtp-out 2
                </domain>
                <domain hotmail.com>
                    max-smtp-out 2
                </domain>
                <domain *>
                    max-smtp-out 8
                </domain>
                """);

        int imported = EmailEngineCli.execute("fleet", "import-pmta", pmta.toString(), "--out", config.toString());
        // The shipped warmup plan shares by gmail/microsoft/yahoo: name the imported providers so.
        Files.writeString(config.resolve("throttles.yaml"), Files.readString(config.resolve("throttles.yaml"))
                .replace("name: gmail-com", "name: gmail").replace("name: yahoo-com", "name: yahoo")
                .replace("name: hotmail-com", "name: microsoft"));
        int checked = EmailEngineCli.execute("config", "check", "--config", config.toString());

        assertThat(imported).isZero();
        assertThat(checked).as(console.err()).isZero();
        assertThat(console.out()).contains("Imported 3 provider(s)").contains("and 1 address(es)")
                .contains("line 10: <domain gmail.com> pipelining yes: no equivalent; not imported")
                .contains("providers [gmail, yahoo, microsoft, others]");
        assertThat(Files.readString(config.resolve("pools-from-pmta.yaml"))).contains("- addresses: 127.0.1.1");
    }

    @Test
    void importPmtaOfAMissingFileIsOneLineNamingIt() {
        assertThat(EmailEngineCli.execute("fleet", "import-pmta", "/nonexistent/pmta.config")).isEqualTo(1);

        assertThat(console.err()).isEqualTo("email-engine: no PowerMTA configuration at /nonexistent/pmta.config\n");
    }
}
