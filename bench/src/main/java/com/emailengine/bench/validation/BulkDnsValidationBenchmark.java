package com.emailengine.bench.validation;

import com.emailengine.core.dns.DnsRecord;
import com.emailengine.core.dns.DnsResolvers;
import com.emailengine.core.dns.MailRouteResolver;
import com.emailengine.core.validation.AddressValidator;
import com.emailengine.core.validation.BulkValidator;
import com.emailengine.core.validation.MailRouteCheck;
import com.emailengine.core.validation.Validation;
import com.emailengine.core.validation.ValidationData;
import com.emailengine.core.validation.Verdict;
import com.emailengine.emulators.internet.DnsZone;
import com.emailengine.emulators.internet.LoopbackDnsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 10,000 contacts over 2,000 distinct domains validated in bulk with DNS through the local DNS server (a cold cache each
 * time: a new resolver per run), every domain with its own MX host, so a run asks 4,000 questions over UDP. The
 * target is at most 5 seconds per run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
public class BulkDnsValidationBenchmark {

    static final int CONTACTS = 10_000;
    static final int DOMAINS = 2_000;

    private LoopbackDnsServer dns;
    private List<BulkValidator.Item> items;
    private BulkValidator validator;

    @Setup(Level.Trial)
    public void startDns() throws IOException {
        DnsZone zone = new DnsZone();
        zone.addZone("bench.test");
        List<DnsRecord> records = new ArrayList<>();
        for (int d = 0; d < DOMAINS; d++) {
            String domain = "company" + d + ".bench.test";
            records.add(new DnsRecord(domain, DnsRecord.Type.MX, 300, "10 mx." + domain + "."));
            records.add(new DnsRecord("mx." + domain, DnsRecord.Type.A, 300, "127.0.7." + (50 + d % 50)));
        }
        zone.addAll(records);
        dns = LoopbackDnsServer.start(zone, new InetSocketAddress("127.0.7.5", 0));
        items = new ArrayList<>(CONTACTS);
        for (int i = 0; i < CONTACTS; i++) {
            items.add(BulkValidator.Item.of("person" + i + "@company" + (i % DOMAINS) + ".bench.test"));
        }
    }

    @Setup(Level.Invocation)
    public void coldResolver() {
        MailRouteResolver resolver = new MailRouteResolver(
                DnsResolvers.fromSetting("127.0.7.5:" + dns.address().getPort(), Duration.ofSeconds(2)), Clock.systemUTC());
        validator = new BulkValidator(AddressValidator.standard(ValidationData.shipped(), null, new MailRouteCheck(resolver)), 64);
    }

    @Benchmark
    public List<Validation> validateTenThousandContactsOverTwoThousandDomains() {
        List<Validation> results = validator.validateAll(items);
        if (results.stream().anyMatch(v -> v.verdict() != Verdict.VALID)) {
            throw new IllegalStateException("a contact was not valid: "
                    + results.stream().filter(v -> v.verdict() != Verdict.VALID).findFirst().orElseThrow());
        }
        return results;
    }

    @TearDown(Level.Trial)
    public void stopDns() {
        dns.close();
    }
}
