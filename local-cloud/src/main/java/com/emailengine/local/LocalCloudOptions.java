package com.emailengine.local;

import com.emailengine.emulators.cloud.CloudEndpoints;
import com.emailengine.local.runtime.GatewayLimits;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How to lay out the local cloud. Port 0 means "pick a free one" (tests); the {@code local} command uses
 * fixed, documented ports so that people and the AWS CLI can find them.
 *
 * @param sinkAddressPrefix first three octets of the mailbox-provider sinks' addresses, e.g. {@code 127.0.2}
 * @param dataDir           when present, SQS ({@code sqs/}), DynamoDB ({@code dynamodb/}) and S3 ({@code s3/}) keep
 *                          their data there across runs, also across a killed process: SQS writes each change before it
 *                          answers (D44), and a start on the folder takes every accepted contact up where it was; one
 *                          engine per folder. Else memory only, and every start is empty
 * @param mailDir           when present, every delivered message is written there as an .eml file
 * @param scheduleSpeedup   divides rate schedules (a demo need not wait a minute for the scheduler)
 * @param pollWaitSeconds   long-poll wait of the local event-source pollers and fleet consumers
 * @param externalCloud     when present, SQS, DynamoDB and S3 already run there (LocalStack, for people with
 *                          Docker) and no embedded emulator is started; the resources are provisioned the same way
 * @param sourceKeyDir      the sources' keys ({@code <source-id>.key}), created at start when missing; what the
 *                          cloud keeps in Secrets Manager
 * @param settings          settings of the functions and fleet nodes over the local cloud's own (e.g. a fleet node's
 *                          {@code EE_FLEET_IP_LEASE_SECONDS}), as the environment gives them in the cloud
 * @param gatewayLimits     what the local API gateway holds its clients to (D41)
 */
public record LocalCloudOptions(
        String stage,
        Path configDir,
        Path dkimKeyDir,
        int apiPort,
        int sqsPort,
        int dynamoDbPort,
        int s3Port,
        int dnsPort,
        int smtpPort,
        String sinkAddressPrefix,
        Optional<Path> dataDir,
        Optional<Path> mailDir,
        double scheduleSpeedup,
        int pollWaitSeconds,
        int fleetNodes,
        Optional<CloudEndpoints> externalCloud,
        Path sourceKeyDir,
        Map<String, String> settings,
        GatewayLimits gatewayLimits) {

    public LocalCloudOptions {
        settings = Map.copyOf(settings);
    }

    /** The fixed layout of {@code email-engine local}, documented in the README. */
    public static LocalCloudOptions standard(Path configDir, Path dataRoot) {
        return new LocalCloudOptions("local", configDir, dataRoot.resolve("dkim"), 8080, 9324, 8000, 9000, 10053, 2525,
                "127.0.2", Optional.empty(), Optional.of(dataRoot.resolve("mail")), 12, 5, 1, Optional.empty(),
                dataRoot.resolve("source-keys"), Map.of(), GatewayLimits.STANDARD);
    }

    /** Everything on free ports, mail kept in memory: for tests running beside a demo. */
    public static LocalCloudOptions ephemeral(Path configDir, Path dkimKeyDir, String sinkAddressPrefix) {
        return new LocalCloudOptions("local", configDir, dkimKeyDir, 0, 0, 0, 0, 0, 0, sinkAddressPrefix,
                Optional.empty(), Optional.empty(), 60, 1, 1, Optional.empty(), dkimKeyDir.resolve("source-keys"), Map.of(), GatewayLimits.STANDARD);
    }

    public LocalCloudOptions withMailDir(Path dir) {
        return new LocalCloudOptions(stage, configDir, dkimKeyDir, apiPort, sqsPort, dynamoDbPort, s3Port, dnsPort, smtpPort,
                sinkAddressPrefix, dataDir, Optional.of(dir), scheduleSpeedup, pollWaitSeconds, fleetNodes, externalCloud, sourceKeyDir, settings, gatewayLimits);
    }

    public LocalCloudOptions withDataDir(Path dir) {
        return new LocalCloudOptions(stage, configDir, dkimKeyDir, apiPort, sqsPort, dynamoDbPort, s3Port, dnsPort, smtpPort,
                sinkAddressPrefix, Optional.of(dir), mailDir, scheduleSpeedup, pollWaitSeconds, fleetNodes, externalCloud, sourceKeyDir, settings, gatewayLimits);
    }

    public LocalCloudOptions withPorts(int api, int sqs, int dynamoDb, int s3, int dns, int smtp) {
        return new LocalCloudOptions(stage, configDir, dkimKeyDir, api, sqs, dynamoDb, s3, dns, smtp,
                sinkAddressPrefix, dataDir, mailDir, scheduleSpeedup, pollWaitSeconds, fleetNodes, externalCloud, sourceKeyDir, settings, gatewayLimits);
    }

    public LocalCloudOptions withScheduleSpeedup(double speedup) {
        return new LocalCloudOptions(stage, configDir, dkimKeyDir, apiPort, sqsPort, dynamoDbPort, s3Port, dnsPort, smtpPort,
                sinkAddressPrefix, dataDir, mailDir, speedup, pollWaitSeconds, fleetNodes, externalCloud, sourceKeyDir, settings, gatewayLimits);
    }

    public LocalCloudOptions withExternalCloud(CloudEndpoints endpoints) {
        return new LocalCloudOptions(stage, configDir, dkimKeyDir, apiPort, sqsPort, dynamoDbPort, s3Port, dnsPort, smtpPort,
                sinkAddressPrefix, dataDir, mailDir, scheduleSpeedup, pollWaitSeconds, fleetNodes, Optional.of(endpoints), sourceKeyDir, settings, gatewayLimits);
    }

    public LocalCloudOptions withDkimKeyDir(Path dir) {
        return new LocalCloudOptions(stage, configDir, dir, apiPort, sqsPort, dynamoDbPort, s3Port, dnsPort, smtpPort,
                sinkAddressPrefix, dataDir, mailDir, scheduleSpeedup, pollWaitSeconds, fleetNodes, externalCloud, sourceKeyDir, settings, gatewayLimits);
    }

    /** How many sender nodes the cloud starts in its own JVM (0: none, for a node run elsewhere). */
    public LocalCloudOptions withFleetNodes(int nodes) {
        return new LocalCloudOptions(stage, configDir, dkimKeyDir, apiPort, sqsPort, dynamoDbPort, s3Port, dnsPort, smtpPort,
                sinkAddressPrefix, dataDir, mailDir, scheduleSpeedup, pollWaitSeconds, nodes, externalCloud, sourceKeyDir, settings, gatewayLimits);
    }

    public LocalCloudOptions withGatewayLimits(GatewayLimits limits) {
        return new LocalCloudOptions(stage, configDir, dkimKeyDir, apiPort, sqsPort, dynamoDbPort, s3Port, dnsPort, smtpPort,
                sinkAddressPrefix, dataDir, mailDir, scheduleSpeedup, pollWaitSeconds, fleetNodes, externalCloud, sourceKeyDir,
                settings, limits);
    }

    /** One more setting for the functions and fleet nodes (see {@code settings}). */
    public LocalCloudOptions withSetting(String key, String value) {
        Map<String, String> more = new HashMap<>(settings);
        more.put(key, value);
        return new LocalCloudOptions(stage, configDir, dkimKeyDir, apiPort, sqsPort, dynamoDbPort, s3Port, dnsPort, smtpPort,
                sinkAddressPrefix, dataDir, mailDir, scheduleSpeedup, pollWaitSeconds, fleetNodes, externalCloud, sourceKeyDir, more, gatewayLimits);
    }

    public LocalCloudOptions withSourceKeyDir(Path dir) {
        return new LocalCloudOptions(stage, configDir, dkimKeyDir, apiPort, sqsPort, dynamoDbPort, s3Port, dnsPort, smtpPort,
                sinkAddressPrefix, dataDir, mailDir, scheduleSpeedup, pollWaitSeconds, fleetNodes, externalCloud, dir, settings, gatewayLimits);
    }
}
