package com.emailengine.core.dns;

import com.emailengine.core.dkim.DkimKeyLookup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Reads DKIM key records from DNS through dnsjava, as a receiving server would: the local DNS server
 * locally, the system's resolvers in the cloud. No cache: callers are checks and tests that want the
 * record as published now. Thread-safe (dnsjava resolvers are).
 */
public final class DnsDkimKeyLookup implements DkimKeyLookup {

    private final Resolver resolver;

    public DnsDkimKeyLookup(Resolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Optional<String> txt(String selector, String domain) {
        Name name;
        try {
            name = Name.fromString(selector + "._domainkey." + domain + ".");
        } catch (TextParseException e) {
            return Optional.empty();
        }
        Message response;
        try {
            response = resolver.send(Message.newQuery(Record.newRecord(name, Type.TXT, DClass.IN)));
        } catch (IOException e) {
            throw new UncheckedIOException("DNS lookup of " + name + " failed", e);
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return Optional.empty();
        }
        if (rcode != Rcode.NOERROR) {
            throw new IllegalStateException("DNS lookup of " + name + " answered " + Rcode.string(rcode));
        }
        Optional<String> first = Optional.empty();
        for (Record record : response.getSection(Section.ANSWER)) {
            if (record instanceof TXTRecord txt && txt.getName().equals(name)) {
                String text = String.join("", txt.getStrings());
                if (text.startsWith("v=DKIM1")) {
                    return Optional.of(text);
                }
                first = first.or(() -> Optional.of(text));
            }
        }
        return first;
    }
}
