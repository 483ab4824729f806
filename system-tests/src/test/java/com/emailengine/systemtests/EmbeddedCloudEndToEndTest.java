package com.emailengine.systemtests;

import com.emailengine.local.LocalCloud;
import com.emailengine.local.LocalCloudOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/** The end-to-end scenario on the embedded emulators (ElasticMQ, dynalite, s3proxy): runs everywhere. */
class EmbeddedCloudEndToEndTest extends EndToEndScenario {

    @Override
    protected LocalCloud startCloud() throws Exception {
        Path keys = Files.createTempDirectory("ee-e2e-dkim");
        return LocalCloud.start(LocalCloudOptions.ephemeral(Path.of("../config/local"), keys, "127.0.5"));
    }
}
