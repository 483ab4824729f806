package com.emailengine.emulators.internet;

import com.emailengine.core.dns.DnsRecord;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Turns a {@link DnsRecord} (presentation form, as an operator writes it) into the dnsjava
 * wire-format record the server puts into answers. Bad values fail here, when the record is
 * added to the zone, not later in the middle of answering a query.
 */
final class ResourceRecordEncoder {

    /** A DNS character-string carries at most 255 octets after its length octet (RFC 1035 3.3). */
    private static final int CHARACTER_STRING_MAX = 255;

    private ResourceRecordEncoder() {
    }

    static Record encode(DnsRecord record) {
        Name owner = name(record.name(), record);
        long ttl = record.ttlSeconds();
        String value = record.value().strip();
        return switch (record.type()) {
            case A -> new ARecord(owner, DClass.IN, ttl, address(value, Address.IPv4, record));
            case AAAA -> new AAAARecord(owner, DClass.IN, ttl, address(value, Address.IPv6, record));
            case MX -> mx(owner, ttl, value, record);
            // TXT is built from raw octets so that backslashes and quotes in the value stay literal.
            case TXT -> Record.newRecord(owner, Type.TXT, DClass.IN, ttl, txtRdata(record.value()));
            case CNAME -> new CNAMERecord(owner, DClass.IN, ttl, name(value, record));
            case PTR -> new PTRRecord(owner, DClass.IN, ttl, name(value, record));
            case NS -> new NSRecord(owner, DClass.IN, ttl, name(value, record));
        };
    }

    /** The TXT value's octets as consecutive character-strings of at most 255 octets each. */
    static byte[] txtRdata(String text) {
        byte[] octets = text.getBytes(StandardCharsets.UTF_8);
        int strings = Math.max(1, (octets.length + CHARACTER_STRING_MAX - 1) / CHARACTER_STRING_MAX);
        byte[] rdata = new byte[octets.length + strings];
        int in = 0;
        int out = 0;
        for (int i = 0; i < strings; i++) {
            int length = Math.min(CHARACTER_STRING_MAX, octets.length - in);
            rdata[out++] = (byte) length;
            System.arraycopy(octets, in, rdata, out, length);
            in += length;
            out += length;
        }
        return rdata;
    }

    private static Record mx(Name owner, long ttl, String value, DnsRecord record) {
        String[] parts = value.split("\\s+");
        if (parts.length != 2) {
            throw invalid(record, "MX value must be \"<preference> <exchange>\"");
        }
        int preference;
        try {
            preference = Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            throw invalid(record, "MX preference is not a number");
        }
        if (preference < 0 || preference > 0xFFFF) {
            throw invalid(record, "MX preference must be 0..65535");
        }
        return new MXRecord(owner, DClass.IN, ttl, preference, name(parts[1], record));
    }

    private static InetAddress address(String value, int family, DnsRecord record) {
        // Address.toByteArray parses literals only; InetAddress.getByName would go to the network.
        byte[] octets = Address.toByteArray(value, family);
        if (octets == null) {
            throw invalid(record, "not an IPv" + (family == Address.IPv4 ? "4" : "6") + " address literal");
        }
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw invalid(record, e.getMessage());
        }
    }

    private static Name name(String text, DnsRecord record) {
        try {
            return Name.fromString(DnsNames.absolute(text));
        } catch (TextParseException e) {
            throw invalid(record, "bad domain name '" + text + "': " + e.getMessage());
        }
    }

    private static IllegalArgumentException invalid(DnsRecord record, String why) {
        return new IllegalArgumentException("invalid record [" + record.zoneFileLine() + "]: " + why);
    }
}
