package com.emailengine.emulators.internet;

import com.emailengine.core.dns.DnsRecord;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One consistent, immutable state of a {@link DnsZone}. The server answers each query from
 * a single snapshot so that a record being replaced mid-query can never produce a mixed answer.
 */
final class ZoneSnapshot {

    static final ZoneSnapshot EMPTY = new ZoneSnapshot(Set.of(), Map.of(), Map.of(), 1);

    private final Set<String> apexes;
    private final Map<String, List<DnsRecord>> recordsByOwner;
    private final Map<String, DnsFault> faults;
    private final long serial;
    /** Every owner name and every name between an owner and its apex (empty non-terminals exist too). */
    private final Set<String> existingNames;

    ZoneSnapshot(Set<String> apexes, Map<String, List<DnsRecord>> recordsByOwner,
                 Map<String, DnsFault> faults, long serial) {
        this.apexes = Set.copyOf(apexes);
        Map<String, List<DnsRecord>> records = new LinkedHashMap<>();
        recordsByOwner.forEach((owner, list) -> {
            if (!list.isEmpty()) {
                records.put(owner, List.copyOf(list));
            }
        });
        this.recordsByOwner = Map.copyOf(records);
        this.faults = Map.copyOf(faults);
        this.serial = serial;
        Set<String> existing = new HashSet<>(this.apexes);
        for (String owner : this.recordsByOwner.keySet()) {
            String apex = zoneOf(owner).orElse(null);
            for (String n = owner; n != null && !n.equals(apex); n = DnsNames.parent(n)) {
                existing.add(n);
            }
        }
        this.existingNames = Set.copyOf(existing);
    }

    Set<String> apexes() {
        return apexes;
    }

    long serial() {
        return serial;
    }

    /** The apex of the closest enclosing zone, for an absolute lower-case name. */
    Optional<String> zoneOf(String name) {
        for (String n = name; n != null; n = DnsNames.parent(n)) {
            if (apexes.contains(n)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    boolean nameExists(String name) {
        return existingNames.contains(name);
    }

    List<DnsRecord> records(String owner) {
        return recordsByOwner.getOrDefault(owner, List.of());
    }

    List<DnsRecord> records(String owner, DnsRecord.Type type) {
        return records(owner).stream().filter(r -> r.type() == type).toList();
    }

    Map<String, List<DnsRecord>> recordsByOwner() {
        return recordsByOwner;
    }

    Optional<DnsFault> fault(String name) {
        return Optional.ofNullable(faults.get(name));
    }

    Map<String, DnsFault> faults() {
        return faults;
    }

    /** A mutable copy for the writer that builds the next snapshot. */
    Draft draft() {
        return new Draft(this);
    }

    /** The writer's working copy; turned into the next snapshot with a higher serial. */
    static final class Draft {
        final Set<String> apexes;
        final Map<String, List<DnsRecord>> recordsByOwner = new LinkedHashMap<>();
        final Map<String, DnsFault> faults;
        private final long serial;

        private Draft(ZoneSnapshot from) {
            apexes = new LinkedHashSet<>(from.apexes);
            from.recordsByOwner.forEach((owner, list) -> recordsByOwner.put(owner, new java.util.ArrayList<>(list)));
            faults = new LinkedHashMap<>(from.faults);
            serial = from.serial;
        }

        List<DnsRecord> owner(String name) {
            return recordsByOwner.computeIfAbsent(name, n -> new java.util.ArrayList<>());
        }

        ZoneSnapshot publish() {
            // SOA serials are 32-bit and compared with serial-number arithmetic (RFC 1982); wrap like it.
            long next = (serial + 1) & 0xFFFF_FFFFL;
            return new ZoneSnapshot(apexes, recordsByOwner, faults, next == 0 ? 1 : next);
        }
    }
}
