package com.emailengine.bench;

import com.emailengine.core.delivery.MimeComposer;
import com.emailengine.core.dkim.DkimAlgorithm;
import com.emailengine.core.dkim.DkimKey;
import com.emailengine.core.dkim.DkimSignatureEngine;
import com.emailengine.core.dkim.DkimSigner;
import com.emailengine.core.dkim.DkimSigningPolicy;
import com.emailengine.fleet.signing.FastEd25519;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * DKIM signing rates on one thread: the bare JDK RSA-2048 and Ed25519 signatures, BouncyCastle's Ed25519 (what
 * the fleet uses), and whole messages signed the way the fleet signs them (RSA only, and RSA + Ed25519 with
 * the JDK or with the fleet's engine). Run by bench/dkim-sign.sh; results in docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class DkimSignBenchmark {

    private DkimKey rsa;
    private DkimKey ed25519;
    private byte[] headerHashInput;
    private byte[] message;
    private DkimSigner rsaOnly;
    private DkimSigner dualJdk;
    private DkimSigner dualFleet;
    private final FastEd25519 fast = new FastEd25519();

    @Setup
    public void setUp() {
        rsa = DkimKey.generate("bench.test", "r1", DkimAlgorithm.RSA_SHA256);
        ed25519 = DkimKey.generate("bench.test", "e1", DkimAlgorithm.ED25519_SHA256);
        headerHashInput = ("from:Bench <hello@bench.test>\r\nto:someone@example.test\r\nsubject:Bienvenue\r\n"
                + "date:Mon, 2 Mar 2026 10:00:00 +0000\r\nmessage-id:<0123@bench.test>\r\nmime-version:1.0\r\n"
                + "content-type:multipart/alternative; boundary=\"b\"\r\ndkim-signature:v=1; a=rsa-sha256; b=")
                .getBytes(StandardCharsets.US_ASCII);
        message = new MimeComposer(Clock.systemUTC()).compose(SampleMessages.welcome(0), "bench.test");
        DkimSigningPolicy policy = DkimSigningPolicy.DEFAULT;
        rsaOnly = new DkimSigner(List.of(rsa), policy, Clock.systemUTC());
        dualJdk = new DkimSigner(List.of(rsa, ed25519), policy, Clock.systemUTC(), DkimSignatureEngine.JCA);
        dualFleet = new DkimSigner(List.of(rsa, ed25519), policy, Clock.systemUTC(), fast);
    }

    @Benchmark
    public byte[] jdkRsa2048Sign() {
        return DkimAlgorithm.RSA_SHA256.sign(rsa.privateKey(), headerHashInput, 0, headerHashInput.length);
    }

    @Benchmark
    public byte[] jdkEd25519Sign() {
        return DkimAlgorithm.ED25519_SHA256.sign(ed25519.privateKey(), headerHashInput, 0, headerHashInput.length);
    }

    @Benchmark
    public byte[] bouncyCastleEd25519Sign() {
        return fast.sign(ed25519, headerHashInput, 0, headerHashInput.length);
    }

    @Benchmark
    public byte[] messageRsaOnly() {
        return rsaOnly.sign(message);
    }

    @Benchmark
    public byte[] messageRsaAndEd25519Jdk() {
        return dualJdk.sign(message);
    }

    @Benchmark
    public byte[] messageRsaAndEd25519Fleet() {
        return dualFleet.sign(message);
    }

}
