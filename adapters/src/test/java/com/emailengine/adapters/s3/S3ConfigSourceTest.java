package com.emailengine.adapters.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.core.config.ConfigException;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.fixtures.EmulatedStage;
import com.emailengine.emulators.fixtures.SharedEmulators;
import com.emailengine.emulators.fixtures.TestTenants;
import com.emailengine.platform.topology.SystemTopology;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;

/** {@link S3ConfigSource} against the local S3 (s3proxy), with the client {@code AwsClients} builds. */
@ExtendWith(SharedEmulators.class)
class S3ConfigSourceTest {

    private static EmulatedStage stage;
    private static String bucket;

    @BeforeAll
    static void provision(LocalEmulators emulators) throws IOException {
        stage = EmulatedStage.provision(emulators, "s3config");
        bucket = stage.bucket(SystemTopology.CONFIG_BUCKET);
        for (String file : new String[] {EngineConfig.TENANTS_FILE, EngineConfig.CAMPAIGNS_FILE}) {
            stage.s3().putObject(r -> r.bucket(bucket).key("config/" + file),
                    RequestBody.fromBytes(Files.readAllBytes(TestTenants.configDir().resolve(file))));
        }
        stage.s3().putObject(r -> r.bucket(bucket).key("only-tenants/" + EngineConfig.TENANTS_FILE),
                RequestBody.fromBytes(Files.readAllBytes(TestTenants.configDir().resolve(EngineConfig.TENANTS_FILE))));
    }

    @AfterAll
    static void close() {
        stage.close();
    }

    @Test
    void readsTheUploadedTenantsFileByteForByte() throws IOException {
        S3ConfigSource source = new S3ConfigSource(stage.s3(), bucket, "config/");

        assertThat(source.read(EngineConfig.TENANTS_FILE))
                .contains(Files.readString(TestTenants.configDir().resolve(EngineConfig.TENANTS_FILE)));
    }

    @Test
    void reportsAMissingFileAsEmpty() {
        S3ConfigSource source = new S3ConfigSource(stage.s3(), bucket, "config/");

        assertThat(source.read("throttles.yaml")).isEmpty();
        assertThat(new S3ConfigSource(stage.s3(), bucket, "nowhere/").read(EngineConfig.TENANTS_FILE)).isEmpty();
    }

    @Test
    void servesTheWholeEngineConfigurationAsTheFolderDoes() {
        EngineConfig fromS3 = EngineConfig.load(new S3ConfigSource(stage.s3(), bucket, "config/"));
        EngineConfig fromFolder = TestTenants.config();

        assertThat(fromS3.tenants().all()).isEqualTo(fromFolder.tenants().all());
        assertThat(fromS3.campaigns()).isEqualTo(fromFolder.campaigns());
    }

    @Test
    void aMissingFileIsNamedWithTheBucketAndPrefixItWasLookedFor() {
        S3ConfigSource source = new S3ConfigSource(stage.s3(), bucket, "only-tenants/");

        assertThatThrownBy(() -> EngineConfig.load(source))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(EngineConfig.CAMPAIGNS_FILE)
                .hasMessageContaining("s3://" + bucket + "/only-tenants/");
    }
}
