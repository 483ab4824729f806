package com.emailengine.systemtests;

import com.emailengine.emulators.cloud.CloudEndpoints;
import com.emailengine.local.LocalCloud;
import com.emailengine.local.LocalCloudOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The same end-to-end scenario with SQS, DynamoDB and S3 served by LocalStack in Docker instead of the
 * embedded emulators: the resources are provisioned from the same topology, the same handlers and fleet run.
 * Skipped, with the reason, where no Docker engine exists. Newer LocalStack images need an auth token:
 * {@code LOCALSTACK_AUTH_TOKEN} is passed through when set.
 */
@ExtendWith(DockerAvailable.class)
@Testcontainers
class LocalStackEndToEndTest extends EndToEndScenario {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
            .withServices(LocalStackContainer.Service.SQS, LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.S3)
            .withEnv("LOCALSTACK_AUTH_TOKEN", System.getenv().getOrDefault("LOCALSTACK_AUTH_TOKEN", ""));

    @Override
    protected LocalCloud startCloud() throws Exception {
        Path keys = Files.createTempDirectory("ee-e2e-dkim");
        CloudEndpoints localstack = new CloudEndpoints(LOCALSTACK.getEndpoint(), LOCALSTACK.getEndpoint(), LOCALSTACK.getEndpoint(),
                LOCALSTACK.getRegion(), LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey());
        return LocalCloud.start(LocalCloudOptions.ephemeral(Path.of("../config/local"), keys, "127.0.6").withExternalCloud(localstack));
    }
}
