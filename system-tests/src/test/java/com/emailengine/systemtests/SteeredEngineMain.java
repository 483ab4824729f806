package com.emailengine.systemtests;

import com.emailengine.emulators.internet.SinkBehaviour;
import com.emailengine.local.LocalCloud;
import com.emailengine.local.LocalCloudOptions;
import com.emailengine.local.runtime.GatewayLimits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The local engine in a JVM of its own, on a data folder, for scenarios that kill it: {@code config-dir data-dir
 * dkim-dir sink-prefix mail-dir greylisted-prefix [SETTING=value ...]}. Its sinks greylist recipients whose address
 * starts with {@code greylisted-prefix} (their first attempt is answered 450, the retry accepted). Prints one line
 * {@code READY api=<url> dynamodb=<url> sqs=<url> key=<manual source key>}, then obeys commands on its standard
 * input, answering {@code DONE <command>} once each has taken effect:
 * <ul>
 *   <li>{@code disable-source <queue>}: stops the queue's event source (the batch in hand is finished first);</li>
 *   <li>{@code disable-schedule <name>}: skips the schedule's firings (a run in progress is finished first).</li>
 * </ul>
 * When its input closes it stops, in order.
 */
public final class SteeredEngineMain {

    static final String READY = "READY ";
    static final String DONE = "DONE ";

    private SteeredEngineMain() {
    }

    public static void main(String[] args) throws IOException {
        LocalCloudOptions options = LocalCloudOptions.ephemeral(Path.of(args[0]), Path.of(args[2]), args[3])
                .withDataDir(Path.of(args[1])).withMailDir(Path.of(args[4]))
                // The test posts its contacts one by one, faster than a source may (50/s, D41), as ApiFuzzTest does.
                .withGatewayLimits(new GatewayLimits(Duration.ofSeconds(20), 256, 100_000, 100_000));
        for (int i = 6; i < args.length; i++) {
            String[] setting = args[i].split("=", 2);
            options = options.withSetting(setting[0], setting[1]);
        }
        LocalCloud cloud = LocalCloud.start(options);
        String greylisted = args[5];
        cloud.internet().sinks().forEach(sink -> sink.useBehaviour(SinkBehaviour.greylist(to -> to.startsWith(greylisted))));
        System.out.println(READY + "api=" + cloud.apiEndpoint() + " dynamodb=" + cloud.cloudEndpoints().dynamoDb()
                + " sqs=" + cloud.cloudEndpoints().sqs() + " key=" + cloud.sourceKey("manual"));
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command = commands.readLine(); command != null; command = commands.readLine()) {
            String[] words = command.strip().split(" ", 2);
            switch (words[0]) {
                case "disable-source" -> cloud.disableEventSource(words[1]);
                case "disable-schedule" -> cloud.scheduler().disable(words[1]);
                default -> throw new IllegalArgumentException("unknown command: " + command);
            }
            System.out.println(DONE + command.strip());
            System.out.flush();
        }
        // The test that steered it is gone: stop in order rather than outlive it.
        System.exit(0);
    }
}
