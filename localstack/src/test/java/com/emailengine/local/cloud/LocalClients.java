package com.emailengine.local.cloud;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SDK v2 clients built the way the engine builds them: sync, url-connection, endpoint override, static keys. */
final class LocalClients {

    private static final StaticCredentialsProvider LOCAL_KEYS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create(LocalAccount.ACCESS_KEY_ID, LocalAccount.SECRET_ACCESS_KEY));
    private static final Region REGION = Region.of(LocalAccount.REGION);

    private LocalClients() {
    }

    static SqsClient sqs(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(LOCAL_KEYS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static DynamoDbClient dynamoDb(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(LOCAL_KEYS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /**
     * Path-style, and flexible checksums only where an operation requires them: s3proxy 2.6.0 cannot take the
     * SDK's default ones (see EmbeddedS3Test#rejectsTheSdkDefaultFlexibleChecksumsSoClientsMustChecksumOnlyWhenRequired).
     */
    static S3Client s3(URI endpoint) {
        return s3(endpoint, LOCAL_KEYS);
    }

    static S3Client s3(URI endpoint, StaticCredentialsProvider keys) {
        return s3Builder(endpoint, keys).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED).build();
    }

    /** The SDK's defaults apart from the endpoint, keys and path-style addressing. */
    static S3ClientBuilder s3Builder(URI endpoint, StaticCredentialsProvider keys) {
        return S3Client.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(keys)
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create());
    }

    static StaticCredentialsProvider localKeys() {
        return LOCAL_KEYS;
    }
}
