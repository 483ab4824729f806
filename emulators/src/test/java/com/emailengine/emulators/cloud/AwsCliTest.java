package com.emailengine.emulators.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.emailengine.emulators.fixtures.LocalClients;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The real AWS CLI v2 (Debian package awscli, /usr/bin/aws) as an independent client of the three
 * emulators: what the SDK created, the CLI lists, and what the CLI uploads, the SDK reads.
 */
class AwsCliTest {

    private static final Path AWS = Path.of("/usr/bin/aws");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    private static LocalEmulators emulators;
    private static SqsClient sqs;
    private static DynamoDbClient dynamoDb;
    private static S3Client s3;

    @BeforeAll
    static void startEmulators() {
        if (!Files.isExecutable(AWS)) {
            fail("the AWS CLI v2 is missing at " + AWS + ": install the Debian package awscli (apt-get install awscli)");
        }
        emulators = LocalEmulators.start(EmulatorSettings.ephemeral());
        sqs = LocalClients.sqs(emulators.endpoints().sqs());
        dynamoDb = LocalClients.dynamoDb(emulators.endpoints().dynamoDb());
        s3 = LocalClients.s3(emulators.endpoints().s3());
    }

    @AfterAll
    static void stopEmulators() {
        if (emulators != null) {
            sqs.close();
            dynamoDb.close();
            s3.close();
            emulators.close();
        }
    }

    @Test
    void listsTheQueuesTheSdkCreated() throws Exception {
        String contacts = sqs.createQueue(r -> r.queueName("cli-contacts")).queueUrl();
        String outbound = sqs.createQueue(r -> r.queueName("cli-outbound")).queueUrl();

        JsonNode listed = json(aws(emulators.endpoints().sqs(), "sqs", "list-queues", "--queue-name-prefix", "cli-"));

        assertThat(texts(listed.path("QueueUrls"))).containsExactlyInAnyOrder(contacts, outbound);
    }

    @Test
    void sendsAMessageTheSdkReceives() throws Exception {
        String url = sqs.createQueue(r -> r.queueName("cli-send")).queueUrl();

        aws(emulators.endpoints().sqs(), "sqs", "send-message", "--queue-url", url, "--message-body", "from the cli");

        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(2)).messages())
                .extracting(m -> m.body()).containsExactly("from the cli");
    }

    @Test
    void listsTheTablesTheSdkCreated() throws Exception {
        DynaliteDynamoDbTest.createContactsTable(dynamoDb, "cli-contacts");
        DynaliteDynamoDbTest.createContactsTable(dynamoDb, "cli-suppressions");

        JsonNode listed = json(aws(emulators.endpoints().dynamoDb(), "dynamodb", "list-tables"));

        assertThat(texts(listed.path("TableNames"))).contains("cli-contacts", "cli-suppressions");
    }

    @Test
    void listsBucketsAndCopiesObjectsBothWays(@TempDir Path files) throws Exception {
        URI endpoint = emulators.endpoints().s3();
        s3.createBucket(r -> r.bucket("cli-bounces"));
        s3.putObject(r -> r.bucket("cli-bounces").key("from-sdk.eml"), RequestBody.fromString("written by the SDK"));
        Path upload = Files.writeString(files.resolve("upload.eml"), "written by the CLI");

        String buckets = aws(endpoint, "s3", "ls");
        aws(endpoint, "s3", "cp", upload.toString(), "s3://cli-bounces/from-cli.eml");
        String downloaded = aws(endpoint, "s3", "cp", "s3://cli-bounces/from-sdk.eml", "-");
        String objects = aws(endpoint, "s3", "ls", "s3://cli-bounces/");

        assertThat(buckets.lines().map(line -> line.substring(line.lastIndexOf(' ') + 1))).contains("cli-bounces");
        assertThat(downloaded).isEqualTo("written by the SDK");
        assertThat(objects).contains("from-cli.eml").contains("from-sdk.eml");
        assertThat(s3.getObjectAsBytes(r -> r.bucket("cli-bounces").key("from-cli.eml")).asUtf8String())
                .isEqualTo("written by the CLI");
    }

    /** Runs {@code aws --endpoint-url <endpoint> <args>} with the local keys and no shared config; returns stdout. */
    private static String aws(URI endpoint, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", endpoint.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", LocalAccount.ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", LocalAccount.SECRET_ACCESS_KEY);
        env.put("AWS_DEFAULT_REGION", LocalAccount.REGION);
        // Nothing from the machine's ~/.aws may change what is tested.
        env.put("AWS_CONFIG_FILE", home.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString());
        env.put("AWS_PAGER", "");
        // CLI 2.23 and later send flexible checksums by default, which s3proxy 2.6.0 cannot take (see
        // EmbeddedS3Test); the Debian CLI (2.9) ignores this variable.
        env.put("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required");
        env.put("HOME", home.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] stdout = process.getInputStream().readAllBytes();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("aws %s finished", command).isTrue();
        assertThat(process.exitValue()).as("aws %s exit code; stderr: %s", String.join(" ", args), stderr).isZero();
        return new String(stdout, StandardCharsets.UTF_8);
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
