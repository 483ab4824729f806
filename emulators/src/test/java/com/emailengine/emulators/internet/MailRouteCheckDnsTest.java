package com.emailengine.emulators.internet;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.dns.DnsRecord.Type;
import com.emailengine.core.dns.DnsRecord;
import com.emailengine.core.dns.DnsResolvers;
import com.emailengine.core.dns.MailRoute;
import com.emailengine.core.dns.MailRouteResolver;
import com.emailengine.core.validation.AddressValidator;
import com.emailengine.core.validation.BulkValidator;
import com.emailengine.core.validation.MailRouteCheck;
import com.emailengine.core.validation.Validation;
import com.emailengine.core.validation.ValidationData;
import com.emailengine.core.validation.Verdict;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The MX step of the pipeline against the local DNS server over real UDP (127.0.7.1), with its fault injection:
 * MX, implicit MX (A-only and AAAA-only domains), null MX, NXDOMAIN, no mail host, unresolvable MX hosts, SERVFAIL and
 * timeouts. DNS that does not answer is never a reason to call an address invalid.
 */
class MailRouteCheckDnsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(400);

    private DnsZone zone;
    private LoopbackDnsServer server;
    private MailRouteResolver resolver;
    private AddressValidator validator;

    @BeforeEach
    void start() throws IOException {
        zone = new DnsZone();
        zone.addZone("mail.test");
        zone.addAll(List.of(
                new DnsRecord("good.mail.test", Type.MX, 300, "10 mx1.good.mail.test."),
                new DnsRecord("good.mail.test", Type.MX, 300, "20 mx2.good.mail.test."),
                new DnsRecord("mx1.good.mail.test", Type.A, 300, "127.0.7.11"),
                new DnsRecord("mx2.good.mail.test", Type.A, 300, "127.0.7.12"),
                new DnsRecord("aonly.mail.test", Type.A, 300, "127.0.7.13"),
                new DnsRecord("v6only.mail.test", Type.AAAA, 300, "::1"),
                new DnsRecord("nullmx.mail.test", Type.MX, 300, "0 ."),
                new DnsRecord("txtonly.mail.test", Type.TXT, 300, "v=spf1 -all"),
                new DnsRecord("dangling.mail.test", Type.MX, 300, "10 nowhere.mail.test."),
                new DnsRecord("slow.mail.test", Type.MX, 300, "10 mx1.good.mail.test."),
                new DnsRecord("broken.mail.test", Type.MX, 300, "10 mx1.good.mail.test.")));
        zone.simulateTimeout("slow.mail.test");
        zone.simulateServfail("broken.mail.test");
        server = LoopbackDnsServer.start(zone, new InetSocketAddress("127.0.7.1", 0));
        resolver = new MailRouteResolver(DnsResolvers.fromSetting("127.0.7.1:" + server.address().getPort(), TIMEOUT),
                Clock.systemUTC());
        validator = AddressValidator.standard(ValidationData.shipped(), null, new MailRouteCheck(resolver));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            "anna@good.mail.test, valid, ",
            "anna@aonly.mail.test, valid, implicit_mx",
            "anna@v6only.mail.test, valid, implicit_mx",
            "anna@nullmx.mail.test, invalid, null_mx",
            "anna@missing.mail.test, invalid, nxdomain",
            "anna@txtonly.mail.test, invalid, no_mail_host",
            "anna@dangling.mail.test, unknown, mx_unresolved",
            "anna@slow.mail.test, unknown, dns_timeout",
            "anna@broken.mail.test, unknown, dns_error"})
    void eachAnswerOfTheDnsGivesItsVerdictAndReason(String address, String verdict, String code) {
        Validation validation = validator.validate(address);

        assertThat(validation.verdict().wireName()).isEqualTo(verdict);
        if (code == null) {
            assertThat(validation.findings()).isEmpty();
        } else {
            assertThat(validation.codes()).containsExactly(code);
        }
    }

    @Test
    void mxHostsComeInOrderOfPreference() {
        MailRoute route = resolver.resolve("good.mail.test");

        assertThat(route).isInstanceOfSatisfying(MailRoute.Hosts.class, hosts -> {
            assertThat(hosts.implicit()).isFalse();
            assertThat(hosts.hosts()).extracting(h -> h.name()).containsExactly("mx1.good.mail.test", "mx2.good.mail.test");
        });
    }

    @Test
    void aTimeoutIsNotRememberedSoTheNextTryAsksAgainAndSucceeds() {
        assertThat(validator.validate("anna@slow.mail.test").verdict()).isEqualTo(Verdict.UNKNOWN);

        zone.clearFault("slow.mail.test");

        assertThat(validator.validate("anna@slow.mail.test").verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void anAnswerIsCachedSoManyAddressesOfADomainCostOneLookup() {
        long before = server.counters().udpQueries();
        for (int i = 0; i < 50; i++) {
            assertThat(validator.validate("person" + i + "@good.mail.test").verdict()).isEqualTo(Verdict.VALID);
        }

        // one MX query, and one A query per MX host
        assertThat(server.counters().udpQueries() - before).isEqualTo(3);
    }

    @Test
    void anAddressAlreadyInvalidOfflineCostsNoLookup() {
        long before = server.counters().udpQueries();

        assertThat(validator.validate("anna@mailinator.com").codes()).containsExactly("disposable_domain");
        assertThat(server.counters().udpQueries()).isEqualTo(before);
    }

    @Test
    void bulkValidationLooksUpManyDomainsAtOnceAndEachOnlyOnce() {
        List<BulkValidator.Item> items = new ArrayList<>();
        for (int d = 0; d < 100; d++) {
            zone.addAll(List.of(new DnsRecord("d" + d + ".mail.test", Type.MX, 300, "10 mx1.good.mail.test.")));
            for (int a = 0; a < 5; a++) {
                items.add(BulkValidator.Item.of("p" + a + "@d" + d + ".mail.test"));
            }
        }
        items.add(BulkValidator.Item.of("anna@slow.mail.test"));
        long before = server.counters().udpQueries();

        List<Validation> results = new BulkValidator(validator, 32).validateAll(items);

        assertThat(results).hasSize(501);
        assertThat(results.subList(0, 500)).allSatisfy(v -> assertThat(v.verdict()).isEqualTo(Verdict.VALID));
        assertThat(results.getLast().verdict()).isEqualTo(Verdict.UNKNOWN);
        // 100 MX queries, one A query for the shared MX host, and the unanswered (possibly retried) timeouts
        assertThat(server.counters().udpQueries() - before).isBetween(102L, 106L);
    }
}
