package com.emailengine.emulators.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.emulators.fixtures.LocalClients;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class LocalEmulatorsTest {

    @Test
    void startsAllThreeOnFreePortsOfTheSameHostAndEachAnswersItsSdkClient() {
        try (LocalEmulators emulators = LocalEmulators.start(EmulatorSettings.ephemeral());
                SqsClient sqs = LocalClients.sqs(emulators.endpoints().sqs());
                DynamoDbClient dynamoDb = LocalClients.dynamoDb(emulators.endpoints().dynamoDb());
                S3Client s3 = LocalClients.s3(emulators.endpoints().s3())) {
            CloudEndpoints endpoints = emulators.endpoints();

            assertThat(List.of(endpoints.sqs(), endpoints.dynamoDb(), endpoints.s3()))
                    .allSatisfy(endpoint -> assertThat(endpoint.getHost()).isEqualTo(EmulatorSettings.LOOPBACK))
                    .extracting(URI::getPort).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port).isPositive());
            assertThat(endpoints.region()).isEqualTo("eu-west-1");
            assertThat(endpoints.accessKeyId()).isEqualTo(LocalAccount.ACCESS_KEY_ID);
            assertThat(sqs.listQueues().queueUrls()).isEmpty();
            assertThat(dynamoDb.listTables().tableNames()).isEmpty();
            assertThat(s3.listBuckets().buckets()).isEmpty();
        }
    }

    @Test
    void keepsSqsDynamoDbAndS3DataInSubfoldersOfTheDataFolderAcrossARestart(@TempDir Path dataDir) {
        EmulatorSettings persistent = EmulatorSettings.ephemeral().withDataDir(dataDir);
        try (LocalEmulators first = LocalEmulators.start(persistent);
                SqsClient sqs = LocalClients.sqs(first.endpoints().sqs());
                DynamoDbClient dynamoDb = LocalClients.dynamoDb(first.endpoints().dynamoDb());
                S3Client s3 = LocalClients.s3(first.endpoints().s3())) {
            String contacts = sqs.createQueue(r -> r.queueName("contacts")).queueUrl();
            sqs.sendMessage(r -> r.queueUrl(contacts).messageBody("{\"email\":\"kept@example.org\"}"));
            DynaliteDynamoDbTest.createContactsTable(dynamoDb, "suppressions");
            dynamoDb.putItem(r -> r.tableName("suppressions").item(Map.of(
                    "pk", AttributeValue.fromS("tenant#sos"), "sk", AttributeValue.fromS("blocked@example.org"))));
            s3.createBucket(r -> r.bucket("raw-bounces"));
            s3.putObject(r -> r.bucket("raw-bounces").key("dsn.eml"), RequestBody.fromString("5.1.1"));
        }

        assertThat(dataDir.resolve("sqs").resolve("messages.mv.db")).isRegularFile();
        assertThat(dataDir.resolve("dynamodb")).isDirectory();
        assertThat(dataDir.resolve("s3").resolve("raw-bounces")).isDirectory();
        try (LocalEmulators second = LocalEmulators.start(persistent);
                SqsClient sqs = LocalClients.sqs(second.endpoints().sqs());
                DynamoDbClient dynamoDb = LocalClients.dynamoDb(second.endpoints().dynamoDb());
                S3Client s3 = LocalClients.s3(second.endpoints().s3())) {
            String contacts = sqs.getQueueUrl(r -> r.queueName("contacts")).queueUrl();
            assertThat(sqs.receiveMessage(r -> r.queueUrl(contacts).waitTimeSeconds(2)).messages())
                    .extracting(Message::body).containsExactly("{\"email\":\"kept@example.org\"}");
            assertThat(dynamoDb.scan(r -> r.tableName("suppressions")).items())
                    .extracting(item -> item.get("sk").s()).containsExactly("blocked@example.org");
            assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).containsExactly("raw-bounces");
            assertThat(s3.getObjectAsBytes(r -> r.bucket("raw-bounces").key("dsn.eml")).asUtf8String()).isEqualTo("5.1.1");
        }
    }

    @Test
    void stopsTheOthersAndNamesTheCulpritWhenOneCannotStart() throws IOException {
        int dynamoDbPort = freePort();
        int s3Port = freePort();
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(EmulatorSettings.LOOPBACK, 0));
            EmulatorSettings settings = new EmulatorSettings(EmulatorSettings.LOOPBACK, busy.getLocalPort(),
                    dynamoDbPort, s3Port, Optional.empty());

            assertThatThrownBy(() -> LocalEmulators.start(settings))
                    .isInstanceOf(EmulatorStartException.class)
                    .hasMessageStartingWith("SQS (ElasticMQ) cannot listen on 127.0.0.1:" + busy.getLocalPort());
        }

        assertThat(canListenOn(dynamoDbPort)).as("DynamoDB's port was released").isTrue();
        assertThat(canListenOn(s3Port)).as("S3's port was released").isTrue();
    }

    @Test
    void refusesPortsOutsideTheTcpRange() {
        assertThatThrownBy(() -> new EmulatorSettings(EmulatorSettings.LOOPBACK, 70_000, 0, 0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sqsPort");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(EmulatorSettings.LOOPBACK, 0));
            return socket.getLocalPort();
        }
    }

    private static boolean canListenOn(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(EmulatorSettings.LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
