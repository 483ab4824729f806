package com.emailengine.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.core.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;

class DeploymentSettingsTest {

    @TempDir
    Path temp;

    @Test
    void readsTheStageAndItsTenantsFromContext() {
        DeploymentSettings settings = DeploymentSettings.fromContext(app(context()).getNode());
        assertThat(settings.stage()).isEqualTo("prod");
        assertThat(settings.tenantIds()).containsExactly("sos-expat", "ulixai");
        assertThat(settings.alertEmail()).isEmpty();
    }

    @Test
    void refusesToBuildWithoutAStage() {
        Map<String, Object> context = context();
        context.remove(DeploymentSettings.STAGE);
        assertThatThrownBy(() -> DeploymentSettings.fromContext(app(context).getNode()))
                .hasMessageContaining("-c stage=");
    }

    @Test
    void aStageWithoutConfigurationFolderIsNamedInTheError() {
        Map<String, Object> context = context();
        context.put(DeploymentSettings.STAGE, "staging");
        context.remove(DeploymentSettings.CONFIG_DIR);
        assertThatThrownBy(() -> DeploymentSettings.fromContext(app(context).getNode()))
                .hasMessageContaining("config/staging").hasMessageContaining("stage staging");
    }

    @Test
    void aBrokenConfigurationFailsTheSynthNamingFileAndLine() throws IOException {
        copyConfig();
        Files.writeString(temp.resolve("tenants.yaml"), "tenants:\n  - id: X!\n");
        Map<String, Object> context = context();
        context.put(DeploymentSettings.CONFIG_DIR, temp.toString());
        assertThatThrownBy(() -> DeploymentSettings.fromContext(app(context).getNode()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tenants.yaml");
    }

    @Test
    void aMissingFunctionsJarIsNamedWithHowToBuildIt() {
        Map<String, Object> context = context();
        context.put(DeploymentSettings.FUNCTIONS_JAR, temp.resolve("none.jar").toString());
        assertThatThrownBy(() -> DeploymentSettings.fromContext(app(context).getNode()))
                .hasMessageContaining("none.jar").hasMessageContaining("mvn -pl functions -am package");
    }

    @Test
    void theConfigDigestChangesWithAnyConfigurationFileAndOnlyThen() throws IOException {
        copyConfig();
        Map<String, Object> context = context();
        context.put(DeploymentSettings.CONFIG_DIR, temp.toString());
        String before = DeploymentSettings.fromContext(app(context).getNode()).configDigest();
        assertThat(DeploymentSettings.fromContext(app(context).getNode()).configDigest()).isEqualTo(before);
        Files.writeString(temp.resolve("campaigns.yaml"), Files.readString(temp.resolve("campaigns.yaml")) + "\n# edited\n");
        assertThat(DeploymentSettings.fromContext(app(context).getNode()).configDigest()).isNotEqualTo(before);
    }

    private void copyConfig() throws IOException {
        for (String file : new String[] {"tenants.yaml", "campaigns.yaml"}) {
            Files.copy(Path.of(ProdStack.CONFIG_DIR, file), temp.resolve(file));
        }
    }

    private static Map<String, Object> context() {
        Map<String, Object> context = new HashMap<>();
        context.put(DeploymentSettings.STAGE, ProdStack.STAGE);
        context.put(DeploymentSettings.CONFIG_DIR, ProdStack.CONFIG_DIR);
        context.put(DeploymentSettings.FUNCTIONS_JAR, ProdStack.FUNCTIONS_JAR);
        context.put(DeploymentSettings.FLEET_JAR, ProdStack.FLEET_JAR);
        return context;
    }

    private static App app(Map<String, Object> context) {
        return App.Builder.create().context(context).build();
    }
}
