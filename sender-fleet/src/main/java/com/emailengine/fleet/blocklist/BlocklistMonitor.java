package com.emailengine.fleet.blocklist;

import com.emailengine.core.warmup.BlocklistWatch;
import com.emailengine.fleet.ip.PublicAddresses;
import com.emailengine.fleet.ip.SendingIp;
import com.emailengine.fleet.metrics.FleetMetrics;
import com.emailengine.platform.runtime.Log;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Checks the IPs this node leases against the DNS blocklists of {@code warmup.yaml} and pauses a listed one, so it
 * stops sending before the receivers that use the list start refusing it (D34). Asks about the public address of
 * each IP ({@link PublicAddresses}), through the node's resolver. Only a listing pauses: an error return
 * (the list refusing this resolver) and a missing answer change nothing but a log line and a counter.
 *
 * <p>{@link #check} runs one round and never throws; it is meant for one scheduler thread (not concurrently).
 */
public final class BlocklistMonitor {

    private final Supplier<List<SendingIp>> leased;
    private final BlocklistWatch watch;
    private final Resolver resolver;
    private final PublicAddresses publicAddresses;
    private final FleetMetrics metrics;
    /** Zones already warned about for an error return: the cause (our resolver) lasts, the warning need not repeat. */
    private final Set<String> refusingZones = ConcurrentHashMap.newKeySet();
    private final Set<String> skipped = ConcurrentHashMap.newKeySet();

    public BlocklistMonitor(Supplier<List<SendingIp>> leased, BlocklistWatch watch, Resolver resolver, PublicAddresses publicAddresses,
                     FleetMetrics metrics) {
        this.leased = leased;
        this.watch = watch;
        this.resolver = resolver;
        this.publicAddresses = publicAddresses;
        this.metrics = metrics;
    }

    /** One round: every leased IP against every zone. */
    public void check() {
        try {
            publicAddresses.refresh();
            for (SendingIp ip : leased.get()) {
                checkIp(ip);
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; the next round tries afresh.
            Log.warn("fleet", "blocklist check failed: " + e);
        }
    }

    private void checkIp(SendingIp ip) {
        Optional<String> seen = publicAddresses.publicOf(ip.ip());
        if (seen.isEmpty()) {
            Log.warn("fleet", "no public address known for " + ip.ip() + "; not checked against blocklists");
            return;
        }
        List<String> listings = new ArrayList<>();
        for (String zone : watch.zones()) {
            Optional<String> name = BlocklistAnswer.queryName(seen.get(), zone);
            if (name.isEmpty()) {
                if (skipped.add(seen.get())) {
                    Log.info("fleet", "blocklists are checked for IPv4 only; " + seen.get() + " (" + ip.ip() + ") skipped");
                }
                return;
            }
            BlocklistAnswer answer = ask(name.get());
            metrics.blocklistChecks.inc(zone, answer.verdict().name().toLowerCase(Locale.ROOT));
            switch (answer.verdict()) {
                case LISTED -> {
                    metrics.blocklisted.set(1, ip.ip(), zone);
                    listings.add(zone + " (" + answer.detail() + ")");
                }
                case NOT_LISTED -> metrics.blocklisted.set(0, ip.ip(), zone);
                case ERROR_RETURN -> {
                    if (refusingZones.add(zone)) {
                        Log.warn("fleet", "blocklist " + zone + " answered " + answer.detail() + " for " + name.get()
                                + ": an error return (e.g. 127.255.255.254, queries through a public resolver refused); "
                                + "this zone cannot check our IPs through this resolver");
                    }
                }
                case UNKNOWN -> Log.warn("fleet", "blocklist " + zone + " gave no answer for " + seen.get() + " (" + ip.ip()
                        + "): " + answer.detail() + "; not paused");
            }
        }
        if (!listings.isEmpty()) {
            String why = "paused: listed on " + String.join(", ", listings);
            if (ip.pauseForListing(why)) {
                Log.warn("fleet", ip.ip() + (seen.get().equals(ip.ip()) ? "" : " (" + seen.get() + ")") + " " + why);
            }
        }
    }

    private BlocklistAnswer ask(String name) {
        try {
            Message response = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), Type.A, DClass.IN)));
            List<InetAddress> addresses = response.getSection(Section.ANSWER).stream()
                    .filter(ARecord.class::isInstance).map(r -> ((ARecord) r).getAddress()).toList();
            return BlocklistAnswer.of(response.getRcode(), addresses);
        } catch (TextParseException e) {
            return BlocklistAnswer.unknown("bad name: " + e.getMessage());
        } catch (IOException e) {
            return BlocklistAnswer.unknown("timeout or network error: " + e.getMessage());
        }
    }
}
