package com.emailengine.core.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Finds where mail for a domain goes, per RFC 5321 §5.1: the MX hosts by preference, else the domain's
 * own address, A or AAAA (implicit MX); a null MX (RFC 7505) or a non-existent domain means no mail. Answers are
 * cached for their TTL (bounded), negative answers for {@link #NEGATIVE_TTL}; failures (timeouts, SERVFAIL) are
 * not cached, so the next call asks again. The addresses of MX hosts are cached too: many domains share them.
 *
 * <p>Thread-safe and meant to be called concurrently: calls for the same domain that overlap share one lookup, and
 * the caches hold at most {@link #MAX_ENTRIES} names each (expired entries are dropped first when full).
 */
public final class MailRouteResolver {

    static final Duration MIN_TTL = Duration.ofSeconds(60);
    static final Duration MAX_TTL = Duration.ofHours(1);
    static final Duration NEGATIVE_TTL = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 100_000;

    private final Resolver resolver;
    private final Clock clock;
    private final Map<String, Cached<MailRoute>> routes = new ConcurrentHashMap<>();
    private final Map<Name, Cached<List<InetAddress>>> hostAddresses = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<MailRoute>> inFlight = new ConcurrentHashMap<>();
    private final Map<Name, CompletableFuture<List<InetAddress>>> hostsInFlight = new ConcurrentHashMap<>();

    private record Cached<T>(T value, Instant expires) {
    }

    private record Answer(int rcode, List<Record> records, long minTtl) {
    }

    /** A lookup that did not get an answer; never cached. */
    private static final class Unanswered extends Exception {
        private final String reason;

        Unanswered(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }
    }

    public MailRouteResolver(Resolver resolver, Clock clock) {
        this.resolver = resolver;
        this.clock = clock;
    }

    /** @param asciiDomain the domain in A-label form */
    public MailRoute resolve(String asciiDomain) {
        String domain = asciiDomain.toLowerCase(Locale.ROOT);
        Cached<MailRoute> hit = routes.get(domain);
        if (hit != null && hit.expires().isAfter(clock.instant())) {
            return hit.value();
        }
        CompletableFuture<MailRoute> mine = new CompletableFuture<>();
        CompletableFuture<MailRoute> running = inFlight.putIfAbsent(domain, mine);
        if (running != null) {
            return running.join();
        }
        try {
            MailRoute route = lookUp(domain);
            mine.complete(route);
            return route;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(domain, mine);
        }
    }

    private MailRoute lookUp(String domain) {
        Instant now = clock.instant();
        MailRoute route;
        Duration ttl;
        try {
            Name name = Name.fromString(domain.endsWith(".") ? domain : domain + ".");
            Answer mx = query(name, Type.MX);
            if (mx.rcode() == Rcode.NXDOMAIN) {
                route = new MailRoute.NoMail("nxdomain");
                ttl = NEGATIVE_TTL;
            } else if (mx.rcode() != Rcode.NOERROR) {
                return new MailRoute.Unknown("dns_" + Rcode.string(mx.rcode()).toLowerCase(Locale.ROOT));
            } else {
                List<MXRecord> records = mx.records().stream().filter(MXRecord.class::isInstance).map(MXRecord.class::cast)
                        .sorted(Comparator.comparingInt(MXRecord::getPriority)).toList();
                if (records.size() == 1 && records.getFirst().getTarget().equals(Name.root)) {
                    route = new MailRoute.NoMail("null_mx");
                    ttl = NEGATIVE_TTL;
                } else if (records.isEmpty()) {
                    List<InetAddress> own = addresses(name, now);
                    route = own.isEmpty() ? new MailRoute.NoMail("no_mail_host")
                            : new MailRoute.Hosts(List.of(new MailHost(domain.replaceAll("\\.$", ""), 0, own)), true);
                    ttl = own.isEmpty() ? NEGATIVE_TTL : clamp(mx.minTtl());
                } else {
                    List<MailHost> hosts = new ArrayList<>();
                    for (MXRecord record : records) {
                        if (record.getTarget().equals(Name.root)) {
                            continue;
                        }
                        List<InetAddress> addresses = addresses(record.getTarget(), now);
                        if (!addresses.isEmpty()) {
                            hosts.add(new MailHost(record.getTarget().toString(true), record.getPriority(), addresses));
                        }
                    }
                    if (hosts.isEmpty()) {
                        return new MailRoute.Unknown("mx_hosts_unresolved");
                    }
                    route = new MailRoute.Hosts(hosts);
                    ttl = clamp(mx.minTtl());
                }
            }
        } catch (TextParseException e) {
            return new MailRoute.NoMail("invalid_domain");
        } catch (Unanswered e) {
            return new MailRoute.Unknown(e.reason);
        }
        remember(routes, domain, route, now.plus(ttl), now);
        return route;
    }

    /**
     * The host's A records, else its AAAA records; empty when it has neither or does not exist. Overlapping calls for
     * one host (domains sharing an MX host, looked up together) share one lookup.
     */
    private List<InetAddress> addresses(Name host, Instant now) throws Unanswered {
        Cached<List<InetAddress>> hit = hostAddresses.get(host);
        if (hit != null && hit.expires().isAfter(now)) {
            return hit.value();
        }
        CompletableFuture<List<InetAddress>> mine = new CompletableFuture<>();
        CompletableFuture<List<InetAddress>> running = hostsInFlight.putIfAbsent(host, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof Unanswered unanswered) {
                    throw new Unanswered(unanswered.reason);
                }
                throw e;
            }
        }
        try {
            List<InetAddress> found = lookUpAddresses(host, now);
            mine.complete(found);
            return found;
        } catch (Unanswered | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            hostsInFlight.remove(host, mine);
        }
    }

    private List<InetAddress> lookUpAddresses(Name host, Instant now) throws Unanswered {
        Answer a = query(host, Type.A);
        List<InetAddress> found = a.rcode() == Rcode.NOERROR ? addressesIn(a) : List.of();
        long ttl = a.minTtl();
        if (found.isEmpty() && a.rcode() == Rcode.NOERROR) {
            Answer aaaa = query(host, Type.AAAA);
            found = aaaa.rcode() == Rcode.NOERROR ? addressesIn(aaaa) : List.of();
            ttl = aaaa.minTtl();
        }
        if (a.rcode() != Rcode.NOERROR && a.rcode() != Rcode.NXDOMAIN) {
            throw new Unanswered("dns_" + Rcode.string(a.rcode()).toLowerCase(Locale.ROOT));
        }
        remember(hostAddresses, host, found, now.plus(found.isEmpty() ? NEGATIVE_TTL : clamp(ttl)), now);
        return found;
    }

    private static List<InetAddress> addressesIn(Answer answer) {
        List<InetAddress> addresses = new ArrayList<>();
        for (Record record : answer.records()) {
            if (record instanceof ARecord a) {
                addresses.add(a.getAddress());
            } else if (record instanceof AAAARecord aaaa) {
                addresses.add(aaaa.getAddress());
            }
        }
        return addresses;
    }

    private Answer query(Name name, int type) throws Unanswered {
        Message response;
        try {
            response = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
        } catch (IOException e) {
            throw new Unanswered("dns_timeout");
        }
        List<Record> records = new ArrayList<>();
        long minTtl = Long.MAX_VALUE;
        Name wanted = name;
        for (Record record : response.getSection(Section.ANSWER)) {
            minTtl = Math.min(minTtl, record.getTTL());
            if (record instanceof CNAMERecord cname && cname.getName().equals(wanted)) {
                wanted = cname.getTarget();
            } else if (record.getType() == type && record.getName().equals(wanted)) {
                records.add(record);
            }
        }
        return new Answer(response.getRcode(), records, minTtl == Long.MAX_VALUE ? MIN_TTL.toSeconds() : minTtl);
    }

    private static <K, V> void remember(Map<K, Cached<V>> cache, K key, V value, Instant expires, Instant now) {
        if (cache.size() >= MAX_ENTRIES) {
            cache.values().removeIf(entry -> !entry.expires().isAfter(now));
            if (cache.size() >= MAX_ENTRIES) {
                // Everything is fresh: forget an arbitrary part rather than grow without bound.
                int[] dropped = {0};
                cache.keySet().removeIf(k -> dropped[0]++ < MAX_ENTRIES / 10);
            }
        }
        cache.put(key, new Cached<>(value, expires));
    }

    private static Duration clamp(long seconds) {
        Duration ttl = Duration.ofSeconds(seconds);
        return ttl.compareTo(MIN_TTL) < 0 ? MIN_TTL : ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl;
    }
}
