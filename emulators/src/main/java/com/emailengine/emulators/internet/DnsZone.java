package com.emailengine.emulators.internet;

import com.emailengine.core.dns.DnsRecord;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The data the local DNS server is authoritative for: a set of zone apexes (such as
 * {@code gmail.test.}) and the {@link DnsRecord}s inside them, plus faults to play per owner
 * name. Changes take effect for the next query.
 *
 * <p>Thread safety: every method may be called from any thread at any time, including while
 * the server answers queries. Writers are serialized; each write publishes a new immutable
 * snapshot (copy on write) and raises the zone serial, so a query is always answered from one
 * consistent state and readers never block.
 *
 * <p>Names are compared case-insensitively and may be given with or without the final dot.
 * Wildcard owners ({@code *.example.test}) are stored but not expanded when answering.
 */
public final class DnsZone {

    private volatile ZoneSnapshot current = ZoneSnapshot.EMPTY;

    /** Makes this server authoritative for {@code apex} and everything below it; idempotent. */
    public void addZone(String apex) {
        String name = DnsNames.absolute(apex);
        if (name.equals(".")) {
            throw new IllegalArgumentException("the root cannot be a local zone");
        }
        write(draft -> draft.apexes.add(name));
    }

    /** Drops a zone and the records that belonged to it; a nested zone keeps its own records. */
    public void removeZone(String apex) {
        String name = DnsNames.absolute(apex);
        write(draft -> {
            ZoneSnapshot before = current;
            draft.apexes.remove(name);
            draft.recordsByOwner.keySet().removeIf(owner -> before.zoneOf(owner).filter(name::equals).isPresent());
        });
    }

    /** The apexes, absolute and lower case. */
    public Set<String> zones() {
        return current.apexes();
    }

    /**
     * Adds a record to its RRset; adding an identical record again changes nothing.
     *
     * @throws IllegalArgumentException if no zone holds the name, the value does not parse for
     *     its type, or the record would put a CNAME beside other data (RFC 1034 3.6.2)
     */
    public void add(DnsRecord record) {
        addAll(List.of(record));
    }

    /** Adds several records in one change: either all are added or, on a bad one, none. */
    public void addAll(Collection<DnsRecord> records) {
        write(draft -> {
            for (DnsRecord record : records) {
                ResourceRecordEncoder.encode(record);
                requireZone(record.name());
                List<DnsRecord> atOwner = draft.owner(record.name());
                requireNoCnameConflict(record, atOwner);
                if (!atOwner.contains(record)) {
                    atOwner.add(record);
                }
            }
        });
    }

    /** Replaces the whole RRset of the record's name and type with this one record. */
    public void replace(DnsRecord record) {
        replace(record.name(), record.type(), List.of(record));
    }

    /**
     * Replaces the RRset {@code (name, type)} with {@code records}; an empty list removes it.
     * Every record must have that name and type.
     */
    public void replace(String name, DnsRecord.Type type, List<DnsRecord> records) {
        String owner = DnsNames.absolute(name);
        for (DnsRecord record : records) {
            if (!record.name().equals(owner) || record.type() != type) {
                throw new IllegalArgumentException("record " + record.zoneFileLine() + " is not in RRset " + owner + " " + type);
            }
            ResourceRecordEncoder.encode(record);
        }
        write(draft -> {
            requireZone(owner);
            List<DnsRecord> atOwner = draft.owner(owner);
            atOwner.removeIf(r -> r.type() == type);
            for (DnsRecord record : records) {
                requireNoCnameConflict(record, atOwner);
                if (!atOwner.contains(record)) {
                    atOwner.add(record);
                }
            }
        });
    }

    /** Removes one record; returns whether it was there. */
    public boolean remove(DnsRecord record) {
        boolean[] removed = {false};
        write(draft -> {
            List<DnsRecord> atOwner = draft.recordsByOwner.get(record.name());
            removed[0] = atOwner != null && atOwner.remove(record);
        });
        return removed[0];
    }

    /** Removes the RRset {@code (name, type)}; returns how many records went. */
    public int removeAll(String name, DnsRecord.Type type) {
        String owner = DnsNames.absolute(name);
        int[] removed = {0};
        write(draft -> {
            List<DnsRecord> atOwner = draft.recordsByOwner.get(owner);
            if (atOwner != null) {
                int before = atOwner.size();
                atOwner.removeIf(r -> r.type() == type);
                removed[0] = before - atOwner.size();
            }
        });
        return removed[0];
    }

    /** The records at one owner name, in the order they were added. */
    public List<DnsRecord> records(String name) {
        return current.records(DnsNames.absolute(name));
    }

    public List<DnsRecord> records(String name, DnsRecord.Type type) {
        return current.records(DnsNames.absolute(name), type);
    }

    /** Every record, grouped by owner name. */
    public Map<String, List<DnsRecord>> allRecords() {
        return current.recordsByOwner();
    }

    /** From now on queries for exactly this owner name (any type) get no answer at all. */
    public void simulateTimeout(String name) {
        setFault(name, DnsFault.TIMEOUT);
    }

    /** From now on queries for exactly this owner name (any type) get SERVFAIL. */
    public void simulateServfail(String name) {
        setFault(name, DnsFault.SERVFAIL);
    }

    /** Answers truthfully again for this name. */
    public void clearFault(String name) {
        String owner = DnsNames.absolute(name);
        write(draft -> draft.faults.remove(owner));
    }

    public void clearFaults() {
        write(draft -> draft.faults.clear());
    }

    public Optional<DnsFault> fault(String name) {
        return current.fault(DnsNames.absolute(name));
    }

    /** The zone serial the synthesized SOA carries; it rises with every change. */
    public long serial() {
        return current.serial();
    }

    ZoneSnapshot snapshot() {
        return current;
    }

    private void setFault(String name, DnsFault fault) {
        String owner = DnsNames.absolute(name);
        write(draft -> draft.faults.put(owner, fault));
    }

    private synchronized void write(Consumer<ZoneSnapshot.Draft> change) {
        ZoneSnapshot.Draft draft = current.draft();
        change.accept(draft);
        current = draft.publish();
    }

    private void requireZone(String owner) {
        if (current.zoneOf(owner).isEmpty()) {
            throw new IllegalArgumentException("no local zone holds " + owner + "; call addZone first (zones: " + current.apexes() + ")");
        }
    }

    private static void requireNoCnameConflict(DnsRecord record, List<DnsRecord> atOwner) {
        boolean sameRecordPresent = atOwner.contains(record);
        if (sameRecordPresent) {
            return;
        }
        boolean hasCname = atOwner.stream().anyMatch(r -> r.type() == DnsRecord.Type.CNAME);
        boolean hasOther = atOwner.stream().anyMatch(r -> r.type() != DnsRecord.Type.CNAME);
        if (record.type() == DnsRecord.Type.CNAME ? hasCname || hasOther : hasCname) {
            throw new IllegalArgumentException("a CNAME cannot share its name with other data (RFC 1034 3.6.2): "
                    + record.zoneFileLine() + " beside " + atOwner);
        }
    }
}
