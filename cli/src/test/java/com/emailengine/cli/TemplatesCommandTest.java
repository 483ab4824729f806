package com.emailengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.local.LocalCloud;
import com.emailengine.local.LocalCloudOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TemplatesCommandTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private static void export(Path dir) throws Exception {
        Files.writeString(dir.resolve("promo.html"), "<html><head><title>Offre</title></head><body><p>Bonjour [FNAME],</p>"
                + "<p>[COMPANY_SIZE] salariés</p><p><a href=\"[UNSUBSCRIBE_URL]\">stop</a></p></body></html>");
        Files.writeString(dir.resolve("feed.html"), "<p>[REMOTE_CONTENT url='https://example.test/x']</p>");
    }

    @Test
    void aDryRunConvertsHereListsUnknownAndRefusedTagsAndStoresNothing(@TempDir Path dir) throws Exception {
        export(dir);

        int exit = EmailEngineCli.execute("templates", "import-mailwizz", dir.toString(), "--tenant", "sos-expat", "--dry-run",
                "--config", "../config/local");

        assertThat(exit).as(console.err()).isEqualTo(1);
        String printed = console.out();
        assertThat(printed).contains("template promo: would import as promo; tags converted: [FNAME] [UNSUBSCRIBE_URL]")
                .contains("[COMPANY_SIZE]: not a MailWizz tag: taken for the custom field 'company_size'")
                .contains("template feed: NOT IMPORTED")
                .contains("[REMOTE_CONTENT url='https://example.test/x'] cannot be converted: templates may not fetch content from the network")
                .contains("2 file(s); 1 template(s) not imported").contains("dry run: nothing stored");
    }

    @Test
    void anImportThroughTheApiStoresTheTemplatesOfTheTenant(@TempDir Path dir) throws Exception {
        export(dir);
        Files.delete(dir.resolve("feed.html"));
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.ephemeral(Path.of("../config/local"),
                Files.createTempDirectory("ee-cli-dkim"), "127.0.8"))) {
            Path key = Files.writeString(dir.resolve("operator.key"), cloud.operatorKey("ulixai-operator"));
            int exit = EmailEngineCli.execute("templates", "import-mailwizz", dir.resolve("promo.html").toString(),
                    "--tenant", "ulixai", "--api", cloud.apiEndpoint().toString(), "--language", "fr",
                    "--operator-key-file", key.toString());

            assertThat(exit).as(console.err()).isZero();
            assertThat(console.out()).contains("template promo: imported as promo v1");
            assertThat(cloud.dependencies().templateCatalog().record("ulixai", "promo")).isPresent();
        }
    }

    @Test
    void anUnreachableApiIsOneLineNamingIt(@TempDir Path dir) throws Exception {
        export(dir);

        int exit = EmailEngineCli.execute("templates", "import-mailwizz", dir.resolve("promo.html").toString(),
                "--tenant", "sos-expat", "--api", "http://127.0.8.200:9");

        assertThat(exit).isEqualTo(1);
        assertThat(console.err()).startsWith("email-engine: cannot reach the API at http://127.0.8.200:9")
                .hasLineCount(1);
    }
}
