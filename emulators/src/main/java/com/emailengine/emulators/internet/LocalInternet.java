package com.emailengine.emulators.internet;

import com.emailengine.core.dns.DnsRecord;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outside world of the local cloud on loopback: one authoritative DNS server and one SMTP
 * sink per mailbox provider. For every provider domain it publishes {@code <domain> MX 10
 * mx1.<domain>.} and {@code mx1.<domain> A <sink address>}, so a sender that resolves MX
 * through {@link #dnsAddress()} reaches the right sink as it would on the real internet.
 * Other parts add their own zones and records (DKIM, SPF, DMARC of sending domains) through
 * {@link #zone()} after start.
 *
 * <p>Thread safety: the accessors and the zone and sinks they return may be used from any thread.
 */
public final class LocalInternet implements AutoCloseable {

    /** TTL of the records published for providers: short, so a resolver that caches sees changes soon. */
    static final long PUBLISHED_TTL = 60;
    /** MX preference of the one published exchanger. */
    static final int MX_PREFERENCE = 10;
    /** How many times to look for a port free on every sink address when asked for port 0. */
    private static final int SHARED_PORT_ATTEMPTS = 20;

    private final LocalInternetSettings settings;
    private final DnsZone zone;
    private final LoopbackDnsServer dns;
    private final Map<String, SmtpSink> sinks;

    private LocalInternet(LocalInternetSettings settings, DnsZone zone, LoopbackDnsServer dns, Map<String, SmtpSink> sinks) {
        this.settings = settings;
        this.zone = zone;
        this.dns = dns;
        this.sinks = sinks;
    }

    /** Publishes the providers' records, starts DNS and the sinks; on any failure stops what started. */
    public static LocalInternet start(LocalInternetSettings settings) throws IOException {
        DnsZone zone = new DnsZone();
        for (MailProvider provider : settings.providers()) {
            for (String domain : provider.domains()) {
                zone.addZone(domain);
                zone.addAll(List.of(
                        new DnsRecord(domain, DnsRecord.Type.MX, PUBLISHED_TTL, MX_PREFERENCE + " " + provider.mxHost(domain)),
                        new DnsRecord(provider.mxHost(domain), DnsRecord.Type.A, PUBLISHED_TTL,
                                provider.sinkAddress().getHostAddress())));
            }
        }
        LoopbackDnsServer dns = LoopbackDnsServer.start(zone, settings.dnsAddress());
        try {
            return new LocalInternet(settings, zone, dns, startSinks(settings));
        } catch (IOException | RuntimeException e) {
            dns.close();
            throw e;
        }
    }

    private static Map<String, SmtpSink> startSinks(LocalInternetSettings settings) throws IOException {
        int attempts = settings.smtpPort() == 0 ? SHARED_PORT_ATTEMPTS : 1;
        BindException last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            Map<String, SmtpSink> started = new LinkedHashMap<>();
            int port = settings.smtpPort();
            try {
                for (MailProvider provider : settings.providers()) {
                    SmtpSink sink = SmtpSink.start(sinkSettings(settings, provider, port));
                    started.put(provider.name(), sink);
                    // The first sink picks the port; the others must share it, since MX carries no port.
                    port = sink.address().getPort();
                }
                return started;
            } catch (BindException e) {
                last = e;
                started.values().forEach(SmtpSink::close);
            } catch (IOException | RuntimeException e) {
                started.values().forEach(SmtpSink::close);
                throw e;
            }
        }
        throw last;
    }

    private static SmtpSinkSettings sinkSettings(LocalInternetSettings settings, MailProvider provider, int port) {
        SmtpSinkSettings sink = SmtpSinkSettings.of(provider.name(), new InetSocketAddress(provider.sinkAddress(), port))
                .withHostName(provider.hostName())
                .withMaxMessageSize(settings.maxMessageSize())
                .withCommandTimeout(settings.commandTimeout());
        return settings.mailRoot().map(root -> sink.withMailFolder(root.resolve(provider.name()))).orElse(sink);
    }

    public LocalInternetSettings settings() {
        return settings;
    }

    /** Where to point a resolver (dnsjava's SimpleResolver, kdig): UDP and TCP. */
    public InetSocketAddress dnsAddress() {
        return dns.address();
    }

    public LoopbackDnsServer dnsServer() {
        return dns;
    }

    /** The records the DNS server answers from; changes apply to the next query. */
    public DnsZone zone() {
        return zone;
    }

    /** The port every sink listens on (the configured one when there are no providers). */
    public int smtpPort() {
        return sinks.values().stream().findFirst().map(s -> s.address().getPort()).orElse(settings.smtpPort());
    }

    public List<MailProvider> providers() {
        return settings.providers();
    }

    /** @throws IllegalArgumentException for a provider name that is not configured */
    public SmtpSink sink(String providerName) {
        SmtpSink sink = sinks.get(providerName);
        if (sink == null) {
            throw new IllegalArgumentException("no provider named '" + providerName + "'; known: " + sinks.keySet());
        }
        return sink;
    }

    /** The sink of the provider that owns this domain, e.g. {@code googlemail.test} gives gmail's. */
    public Optional<SmtpSink> sinkForDomain(String domain) {
        String bare = DnsNames.absolute(domain);
        return settings.providers().stream()
                .filter(p -> p.domains().stream().anyMatch(d -> DnsNames.absolute(d).equals(bare)))
                .map(p -> sinks.get(p.name()))
                .findFirst();
    }

    public List<SmtpSink> sinks() {
        return List.copyOf(sinks.values());
    }

    @Override
    public void close() {
        sinks.values().forEach(SmtpSink::close);
        dns.close();
    }
}
