package com.emailengine.cli;

import com.emailengine.emulators.cloud.CloudEndpoints;
import com.emailengine.local.LocalCloud;
import com.emailengine.local.LocalCloudOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code email-engine local}: runs the whole engine on this machine until Ctrl-C. */
@Command(name = "local", description = "Start the local cloud (emulators, functions, fleet, DNS, SMTP sinks) and print its endpoints.")
final class LocalCommand implements Runnable {

    @Mixin
    ConfigOption config;

    @Option(names = "--data-dir", description = "keep SQS messages, DynamoDB tables and S3 buckets in this folder across "
            + "runs, also across a killed process (default: in memory)")
    Path dataDir;

    @Option(names = "--mail-dir", description = "where sinks write delivered mail as .eml (default: local-data/mail)")
    Path mailDir;

    @Option(names = "--api-port", defaultValue = "8080", description = "local API gateway port (default: ${DEFAULT-VALUE})")
    int apiPort;

    @Option(names = "--smtp-port", defaultValue = "2525", description = "port of every SMTP sink (default: ${DEFAULT-VALUE})")
    int smtpPort;

    @Option(names = "--dns-port", defaultValue = "10053", description = "port of the local DNS server (default: ${DEFAULT-VALUE})")
    int dnsPort;

    @Option(names = "--aws-endpoint", description = "use SQS, DynamoDB and S3 at this endpoint (e.g. LocalStack's "
            + "http://localhost:4566) instead of the embedded emulators; resources are provisioned there the same way")
    URI awsEndpoint;

    @Option(names = "--aws-region", defaultValue = "us-east-1", description = "region at --aws-endpoint (default: ${DEFAULT-VALUE})")
    String awsRegion;

    @Override
    public void run() {
        Path home = EmailEngineCli.home();
        LocalCloudOptions options = LocalCloudOptions.standard(config.dir(), home.resolve("local-data"));
        options = options.withPorts(apiPort, options.sqsPort(), options.dynamoDbPort(), options.s3Port(), dnsPort, smtpPort);
        if (dataDir != null) {
            options = options.withDataDir(dataDir);
        }
        if (mailDir != null) {
            options = options.withMailDir(mailDir);
        }
        if (awsEndpoint != null) {
            // LocalStack accepts any key; "test" is its documented default.
            options = options.withExternalCloud(new CloudEndpoints(awsEndpoint, awsEndpoint, awsEndpoint, awsRegion, "test", "test"));
        }
        LocalCloud cloud = LocalCloud.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cloud.close();
            stopped.countDown();
        }));
        System.out.println(Endpoints.describe(cloud));
        System.out.println("Press Ctrl-C to stop.");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
