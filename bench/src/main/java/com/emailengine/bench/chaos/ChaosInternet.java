package com.emailengine.bench.chaos;

import com.emailengine.core.config.DirectoryConfigSource;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.emulators.cloud.EmulatorSettings;
import com.emailengine.emulators.internet.LocalInternet;
import com.emailengine.emulators.internet.LocalInternetSettings;
import com.emailengine.emulators.internet.LocalSendingDomains;
import com.emailengine.emulators.internet.MailProvider;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The chaos harness's internet: DNS and the mailbox providers' SMTP sinks, each delivered message written to the mail
 * folder, where the harness counts them. Never killed: a crash of the engine does not take Gmail down with it, and
 * receivers that vanished with the engine would only measure the fleet's backoff from a dead MX.
 *
 * <p>Usage: {@code ChaosInternet CONFIG_DIR MAIL_DIR DKIM_DIR SINK_PREFIX DNS_PORT SMTP_PORT}. Prints
 * {@code READY dns=<host:port> smtp=<port>}, then runs until stopped.
 */
public final class ChaosInternet {

    private ChaosInternet() {
    }

    public static void main(String[] args) throws Exception {
        LocalInternet internet = LocalInternet.start(LocalInternetSettings.of(
                        new InetSocketAddress(EmulatorSettings.LOOPBACK, Integer.parseInt(args[4])), Integer.parseInt(args[5]),
                        MailProvider.defaultProviders(args[3])).withMailRoot(Path.of(args[1])));
        LocalSendingDomains.publish(EngineConfig.load(new DirectoryConfigSource(Path.of(args[0]))), Path.of(args[2]),
                internet.zone());
        InetSocketAddress dns = internet.dnsAddress();
        System.out.println("READY dns=" + dns.getHostString() + ":" + dns.getPort() + " smtp=" + internet.smtpPort());
        Runtime.getRuntime().addShutdownHook(new Thread(internet::close));
        new CountDownLatch(1).await();
    }
}
