package com.emailengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.local.LocalCloud;
import com.emailengine.local.LocalCloudOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CampaignsCommandTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void listsShowsPausesResumesAndActivatesATenantsCampaignsThroughTheApiAndNamesARefusal(@TempDir Path dir) throws Exception {
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.ephemeral(Path.of("../config/local"),
                Files.createTempDirectory("ee-cli-campaigns-dkim"), "127.0.18"))) {
            Path key = Files.writeString(dir.resolve("operator.key"), cloud.operatorKey("ulixai-operator"));
            String[] target = {"--tenant", "ulixai", "--api", cloud.apiEndpoint().toString(), "--operator-key-file", key.toString()};

            assertThat(run("list", target)).isZero();
            assertThat(console.out()).containsPattern("welcome\\s+sequence\\s+active\\s+v1\\s+v1");
            assertThat(run("pause", target, "welcome")).isZero();
            assertThat(console.out()).contains("welcome: paused (paused by ulixai-operator)");
            assertThat(run("resume", target, "welcome")).isZero();
            assertThat(run("show", target, "welcome")).isZero();
            assertThat(console.out()).contains("\"template\" : \"welcome\"");
            assertThat(run("activate", target, "welcome", "--version", "1")).isZero();
            assertThat(console.out()).contains("welcome: active, version 1");

            // A refusal: the code and message, exit non-zero.
            assertThat(run("pause", target, "nope")).isNotZero();
            assertThat(console.err()).contains("campaign nope: the API answered 404: campaign_not_found: no campaign 'nope'");
        }
    }

    private static int run(String action, String[] target, String... more) {
        String[] args = new String[2 + target.length + more.length];
        args[0] = "campaigns";
        args[1] = action;
        System.arraycopy(more, 0, args, 2, more.length);
        System.arraycopy(target, 0, args, 2 + more.length, target.length);
        return EmailEngineCli.execute(args);
    }
}
