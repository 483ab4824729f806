package com.emailengine.platform.aws;

import com.emailengine.platform.runtime.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK clients from settings: an endpoint override and static keys locally, the region and
 * default credential chain of the Lambda environment in the cloud. One HTTP client is shared.
 */
public final class AwsClients implements AutoCloseable {

    private final Settings settings;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;

    public AwsClients(Settings settings) {
        this.settings = settings;
        this.region = Region.of(settings.get(Settings.REGION)
                .or(() -> Optional.ofNullable(System.getenv("AWS_REGION"))).orElse("eu-west-1"));
        this.credentials = settings.get(Settings.ACCESS_KEY_ID)
                .<AwsCredentialsProvider>map(id -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(id, settings.require(Settings.SECRET_ACCESS_KEY))))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    public SqsClient sqs() {
        var builder = SqsClient.builder().region(region).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(overrides());
        endpoint(Settings.SQS_ENDPOINT).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public DynamoDbClient dynamoDb() {
        var builder = DynamoDbClient.builder().region(region).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(overrides());
        endpoint(Settings.DYNAMODB_ENDPOINT).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public S3Client s3() {
        var builder = S3Client.builder().region(region).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(overrides());
        // The local S3 (s3proxy) cannot take the SDK's default flexible checksums over plain HTTP (signed
        // aws-chunked with a CRC32 trailer); against it, checksums are sent only where S3 requires them.
        endpoint(Settings.S3_ENDPOINT).ifPresent(uri -> builder.endpointOverride(uri).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED));
        return builder.build();
    }

    /** Secrets Manager of the region (never emulated locally: local keys are files). */
    public SecretsManagerClient secretsManager() {
        return SecretsManagerClient.builder().region(region).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(overrides()).build();
    }

    private static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(30)).build();
    }

    private Optional<URI> endpoint(String key) {
        return settings.get(key).filter(v -> !v.isBlank()).map(URI::create);
    }

    @Override
    public void close() {
        http.close();
    }
}
