package com.emailengine.core.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * own address (implicit MX); a null MX (RFC 7505) or a non-existent domain means no mail. Answers are
 * cached for their TTL (bounded), negative answers for {@link #NEGATIVE_TTL}; failures are not cached.
 * Thread-safe.
 */
public final class MailRouteResolver {

    static final Duration MIN_TTL = Duration.ofSeconds(60);
    static final Duration MAX_TTL = Duration.ofHours(1);
    static final Duration NEGATIVE_TTL = Duration.ofMinutes(5);

    private final Resolver resolver;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(MailRoute route, Instant expires) {
    }

    private record Answer(int rcode, List<Record> records, long minTtl) {
    }

    public MailRouteResolver(Resolver resolver, Clock clock) {
        this.resolver = resolver;
        this.clock = clock;
    }

    /** @param asciiDomain the domain in A-label form */
    public MailRoute resolve(String asciiDomain) {
        Instant now = clock.instant();
        Cached hit = cache.get(asciiDomain);
        if (hit != null && hit.expires().isAfter(now)) {
            return hit.route();
        }
        MailRoute route;
        Duration ttl;
        try {
            Name name = Name.fromString(asciiDomain.endsWith(".") ? asciiDomain : asciiDomain + ".");
            Answer mx = query(name, Type.MX);
            if (mx.rcode() == Rcode.NXDOMAIN) {
                route = new MailRoute.NoMail("nxdomain");
                ttl = NEGATIVE_TTL;
            } else if (mx.rcode() != Rcode.NOERROR) {
                return new MailRoute.Unknown("dns_" + Rcode.string(mx.rcode()).toLowerCase(java.util.Locale.ROOT));
            } else {
                List<MXRecord> records = mx.records().stream().filter(MXRecord.class::isInstance).map(MXRecord.class::cast)
                        .sorted(Comparator.comparingInt(MXRecord::getPriority)).toList();
                if (records.size() == 1 && records.getFirst().getTarget().equals(Name.root)) {
                    route = new MailRoute.NoMail("null_mx");
                    ttl = NEGATIVE_TTL;
                } else if (records.isEmpty()) {
                    List<InetAddress> own = addresses(name);
                    route = own.isEmpty() ? new MailRoute.NoMail("no_mail_host")
                            : new MailRoute.Hosts(List.of(new MailHost(asciiDomain, 0, own)));
                    ttl = own.isEmpty() ? NEGATIVE_TTL : clamp(mx.minTtl());
                } else {
                    List<MailHost> hosts = new ArrayList<>();
                    for (MXRecord record : records) {
                        if (record.getTarget().equals(Name.root)) {
                            continue;
                        }
                        List<InetAddress> addresses = addresses(record.getTarget());
                        if (!addresses.isEmpty()) {
                            hosts.add(new MailHost(record.getTarget().toString(true), record.getPriority(), addresses));
                        }
                    }
                    route = hosts.isEmpty() ? new MailRoute.Unknown("mx_hosts_unresolved") : new MailRoute.Hosts(hosts);
                    if (hosts.isEmpty()) {
                        return route;
                    }
                    ttl = clamp(mx.minTtl());
                }
            }
        } catch (TextParseException e) {
            return new MailRoute.NoMail("invalid_domain");
        } catch (IOException e) {
            return new MailRoute.Unknown("dns_timeout");
        }
        cache.put(asciiDomain, new Cached(route, now.plus(ttl)));
        return route;
    }

    private List<InetAddress> addresses(Name host) throws IOException {
        Answer answer = query(host, Type.A);
        if (answer.rcode() != Rcode.NOERROR) {
            return List.of();
        }
        return answer.records().stream().filter(ARecord.class::isInstance).map(r -> ((ARecord) r).getAddress()).toList();
    }

    private Answer query(Name name, int type) throws IOException {
        Message response = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
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

    private static Duration clamp(long seconds) {
        Duration ttl = Duration.ofSeconds(seconds);
        return ttl.compareTo(MIN_TTL) < 0 ? MIN_TTL : ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl;
    }
}
