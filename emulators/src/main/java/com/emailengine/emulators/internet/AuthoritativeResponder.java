package com.emailengine.emulators.internet;

import com.emailengine.core.dns.DnsRecord;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Answers one DNS request, given as wire bytes, from the current state of a {@link DnsZone}
 * the way an authoritative server does. No sockets here: the server hands bytes in and
 * sends back what comes out. Stateless apart from the zone, so it may be called concurrently.
 */
final class AuthoritativeResponder {

    enum Transport { UDP, TCP }

    /** A reply on the wire, and whether it had to be cut down to fit a UDP datagram. */
    record Response(byte[] wire, boolean truncated) {
    }

    /** Largest DNS message over UDP without EDNS (RFC 1035 4.2.1). */
    static final int PLAIN_UDP_LIMIT = 512;
    /** The EDNS UDP payload size we advertise: the DNS Flag Day 2020 value, safe from IP fragmentation. */
    static final int ADVERTISED_EDNS_PAYLOAD = 1232;
    /** Largest payload a UDP datagram over IPv4 can carry. */
    private static final int UDP_MAX = 65_507;
    /** A TCP DNS message is preceded by a 16-bit length (RFC 1035 4.2.2). */
    private static final int TCP_MAX = 65_535;
    /** Longest CNAME chain followed inside a zone before giving up on it as a loop. */
    private static final int MAX_CNAME_HOPS = 16;

    private static final long SOA_TTL = 300;
    private static final long SOA_REFRESH = 3600;
    private static final long SOA_RETRY = 600;
    private static final long SOA_EXPIRE = 86_400;
    /**
     * SOA MINIMUM, which RFC 2308 makes the negative-caching TTL. Zero, because tests flip
     * names between existing and missing and a resolver must not remember the old "missing".
     */
    private static final long SOA_MINIMUM = 0;

    private final DnsZone zone;

    AuthoritativeResponder(DnsZone zone) {
        this.zone = zone;
    }

    /** The reply to send, or empty when the request must go unanswered. */
    Optional<Response> respond(byte[] request, Transport transport) {
        Message query;
        try {
            query = new Message(request);
        } catch (IOException | RuntimeException unparsable) {
            return formatError(request);
        }
        Header queryHeader = query.getHeader();
        if (queryHeader.getFlag(Flags.QR)) {
            return Optional.empty(); // a response, not a query: answering it could start a loop
        }
        OPTRecord clientOpt = query.getOPT();
        if (queryHeader.getOpcode() != Opcode.QUERY) {
            return Optional.of(encode(reply(query, Rcode.NOTIMP), clientOpt, transport));
        }
        if (queryHeader.getCount(Section.QUESTION) != 1) {
            return Optional.of(encode(reply(query, Rcode.FORMERR), clientOpt, transport));
        }
        if (clientOpt != null && clientOpt.getVersion() != 0) {
            return Optional.of(encode(reply(query, Rcode.BADVERS), clientOpt, transport));
        }
        Message response = reply(query, Rcode.NOERROR);
        boolean speak;
        try {
            speak = answer(query.getQuestion(), response, zone.snapshot());
        } catch (RuntimeException bug) {
            // A server that cannot answer says so (SERVFAIL) rather than leaving the client to time out.
            return Optional.of(encode(reply(query, Rcode.SERVFAIL), clientOpt, transport));
        }
        return speak ? Optional.of(encode(response, clientOpt, transport)) : Optional.empty();
    }

    /** Fills in the response; false when a simulated timeout says to stay silent. */
    private static boolean answer(Record question, Message response, ZoneSnapshot snapshot) {
        String name = DnsNames.absolute(question.getName().toString());
        Optional<DnsFault> fault = snapshot.fault(name);
        if (fault.isPresent()) {
            if (fault.get() == DnsFault.TIMEOUT) {
                return false;
            }
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return true;
        }
        int qtype = question.getType();
        int qclass = question.getDClass();
        Optional<String> apex = snapshot.zoneOf(name);
        boolean transfer = qtype == Type.AXFR || qtype == Type.IXFR;
        if (apex.isEmpty() || transfer || (qclass != DClass.IN && qclass != DClass.ANY)) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return true;
        }
        response.getHeader().setFlag(Flags.AA);
        String current = name;
        Set<String> visited = new HashSet<>();
        for (int hop = 0; hop < MAX_CNAME_HOPS && visited.add(current); hop++) {
            List<Record> found = rrset(snapshot, apex.get(), current, qtype);
            if (!found.isEmpty()) {
                found.forEach(r -> response.addRecord(r, Section.ANSWER));
                return true;
            }
            List<DnsRecord> cname = snapshot.records(current, DnsRecord.Type.CNAME);
            if (qtype != Type.CNAME && qtype != Type.ANY && !cname.isEmpty()) {
                CNAMERecord alias = (CNAMERecord) ResourceRecordEncoder.encode(cname.getFirst());
                response.addRecord(alias, Section.ANSWER);
                String target = DnsNames.absolute(alias.getTarget().toString());
                if (!snapshot.zoneOf(target).equals(apex)) {
                    return true; // the target lives elsewhere; the resolver follows it itself
                }
                current = target;
                continue;
            }
            if (!snapshot.nameExists(current)) {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
            }
            response.addRecord(soa(apex.get(), snapshot.serial(), Math.min(SOA_TTL, SOA_MINIMUM)), Section.AUTHORITY);
            return true;
        }
        return true; // a CNAME loop: answer with the chain as far as it went, as BIND does
    }

    private static List<Record> rrset(ZoneSnapshot snapshot, String apex, String owner, int qtype) {
        List<Record> records = new java.util.ArrayList<>();
        boolean atApex = owner.equals(apex);
        if (atApex && (qtype == Type.SOA || qtype == Type.ANY)) {
            records.add(soa(apex, snapshot.serial(), SOA_TTL));
        }
        for (DnsRecord record : snapshot.records(owner)) {
            if (qtype == Type.ANY || Type.value(record.type().name()) == qtype) {
                records.add(ResourceRecordEncoder.encode(record));
            }
        }
        return records;
    }

    /** The SOA every zone gets without anyone publishing one. */
    private static Record soa(String apex, long serial, long ttl) {
        try {
            Name zoneName = Name.fromString(apex);
            return new SOARecord(zoneName, DClass.IN, ttl,
                    Name.fromString("ns." + apex), Name.fromString("hostmaster." + apex),
                    serial, SOA_REFRESH, SOA_RETRY, SOA_EXPIRE, SOA_MINIMUM);
        } catch (TextParseException e) {
            throw new IllegalStateException("zone apex does not parse: " + apex, e);
        }
    }

    /** A response skeleton: same id, opcode and RD bit, the question echoed, our OPT if the client sent one. */
    private static Message reply(Message query, int rcode) {
        Header queryHeader = query.getHeader();
        Message response = new Message(queryHeader.getID());
        Header header = response.getHeader();
        header.setFlag(Flags.QR);
        header.setOpcode(queryHeader.getOpcode());
        if (queryHeader.getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        header.setRcode(rcode & 0xF);
        Record question = query.getQuestion();
        if (question != null && queryHeader.getCount(Section.QUESTION) == 1) {
            response.addRecord(question, Section.QUESTION);
        }
        if (query.getOPT() != null) {
            // Extended RCODE: the upper 8 bits of a 12-bit rcode travel in the OPT record (RFC 6891 6.1.3).
            response.addRecord(new OPTRecord(ADVERTISED_EDNS_PAYLOAD, rcode >>> 4, 0), Section.ADDITIONAL);
        }
        return response;
    }

    private static Response encode(Message response, OPTRecord clientOpt, Transport transport) {
        byte[] wire = response.toWire();
        int limit = switch (transport) {
            case TCP -> TCP_MAX;
            case UDP -> clientOpt == null
                    ? PLAIN_UDP_LIMIT
                    : Math.min(UDP_MAX, Math.max(PLAIN_UDP_LIMIT, clientOpt.getPayloadSize()));
        };
        if (wire.length <= limit) {
            return new Response(wire, false);
        }
        // Too big: send header, question and OPT with TC set, so the client asks again over TCP (RFC 7766 5).
        Message truncated = new Message(response.getHeader().getID());
        Header header = truncated.getHeader();
        Header full = response.getHeader();
        for (int flag : new int[] {Flags.QR, Flags.AA, Flags.RD}) {
            if (full.getFlag(flag)) {
                header.setFlag(flag);
            }
        }
        header.setFlag(Flags.TC);
        header.setOpcode(full.getOpcode());
        header.setRcode(full.getRcode());
        response.getSection(Section.QUESTION).forEach(q -> truncated.addRecord(q, Section.QUESTION));
        if (response.getOPT() != null) {
            truncated.addRecord(response.getOPT(), Section.ADDITIONAL);
        }
        return new Response(truncated.toWire(), true);
    }

    /** FORMERR with the request's id, if at least the 12-byte header arrived and was a query. */
    private static Optional<Response> formatError(byte[] request) {
        if (request.length < Header.LENGTH) {
            return Optional.empty(); // without a whole header there is no id to answer to
        }
        Header requestHeader;
        try {
            requestHeader = new Header(Arrays.copyOf(request, Header.LENGTH));
        } catch (IOException e) {
            return Optional.empty();
        }
        if (requestHeader.getFlag(Flags.QR)) {
            return Optional.empty();
        }
        Message response = new Message(requestHeader.getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setOpcode(requestHeader.getOpcode());
        response.getHeader().setRcode(Rcode.FORMERR);
        return Optional.of(new Response(response.toWire(), false));
    }
}
