package com.emailengine.bench.chaos;

import com.emailengine.core.config.DirectoryConfigSource;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.emulators.cloud.EmulatorSettings;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.internet.LocalInternet;
import com.emailengine.emulators.internet.LocalInternetSettings;
import com.emailengine.emulators.internet.LocalSendingDomains;
import com.emailengine.emulators.internet.MailProvider;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The chaos harness's "AWS and internet" process: the SQS, DynamoDB and S3 emulators keeping their data in a folder,
 * and the local internet (DNS, the mailbox providers' SMTP sinks writing each delivered message to the mail folder).
 * Fixed ports, so that a restart on the same folder is the same cloud to the processes that survive it.
 *
 * <p>Usage: {@code ChaosCloud CONFIG_DIR DATA_DIR MAIL_DIR DKIM_DIR SINK_PREFIX SQS DYNAMODB S3 DNS SMTP} (ports).
 * Prints {@code READY sqs=<url> dynamodb=<url> s3=<url> dns=<host:port> smtp=<port>}, then runs until killed.
 */
public final class ChaosCloud {

    private ChaosCloud() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        Path data = Path.of(args[1]);
        Path mail = Path.of(args[2]);
        Path dkim = Path.of(args[3]);
        String sinkPrefix = args[4];
        LocalEmulators emulators = LocalEmulators.start(new EmulatorSettings(EmulatorSettings.LOOPBACK,
                Integer.parseInt(args[5]), Integer.parseInt(args[6]), Integer.parseInt(args[7]), Optional.of(data)));
        LocalInternet internet = LocalInternet.start(LocalInternetSettings.of(
                        new InetSocketAddress(EmulatorSettings.LOOPBACK, Integer.parseInt(args[8])), Integer.parseInt(args[9]),
                        MailProvider.defaultProviders(sinkPrefix)).withMailRoot(mail));
        LocalSendingDomains.publish(EngineConfig.load(new DirectoryConfigSource(config)), dkim, internet.zone());
        InetSocketAddress dns = internet.dnsAddress();
        System.out.println("READY sqs=" + emulators.endpoints().sqs() + " dynamodb=" + emulators.endpoints().dynamoDb()
                + " s3=" + emulators.endpoints().s3() + " dns=" + dns.getHostString() + ":" + dns.getPort()
                + " smtp=" + internet.smtpPort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            internet.close();
            emulators.close();
        }));
        new CountDownLatch(1).await();
    }
}
