package com.emailengine.bench.chaos;

import com.emailengine.emulators.cloud.EmulatorSettings;
import com.emailengine.emulators.cloud.LocalEmulators;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The chaos harness's "AWS" process: the SQS, DynamoDB and S3 emulators keeping their data in a folder, on fixed ports,
 * so that a restart on the same folder is the same cloud to the processes that survive it.
 *
 * <p>Usage: {@code ChaosCloud DATA_DIR SQS DYNAMODB S3} (ports). Prints {@code READY sqs=<url> dynamodb=<url> s3=<url>},
 * then runs until killed.
 */
public final class ChaosCloud {

    private ChaosCloud() {
    }

    public static void main(String[] args) throws Exception {
        LocalEmulators emulators = LocalEmulators.start(new EmulatorSettings(EmulatorSettings.LOOPBACK,
                Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Optional.of(Path.of(args[0]))));
        System.out.println("READY sqs=" + emulators.endpoints().sqs() + " dynamodb=" + emulators.endpoints().dynamoDb()
                + " s3=" + emulators.endpoints().s3());
        Runtime.getRuntime().addShutdownHook(new Thread(emulators::close));
        new CountDownLatch(1).await();
    }
}
