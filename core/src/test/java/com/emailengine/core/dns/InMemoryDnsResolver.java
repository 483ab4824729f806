package com.emailengine.core.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/**
 * A DNS resolver answering from records held in memory, so that {@link MailRouteResolver} and the checks above it run
 * unchanged without a network: a name with records answers NOERROR (with those of the asked type, maybe none), any
 * other name NXDOMAIN; a name marked as timing out throws as a resolver that got no answer does. Thread-safe.
 */
public final class InMemoryDnsResolver implements Resolver {

    private static final long TTL = 300;

    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final Set<Name> timingOut = ConcurrentHashMap.newKeySet();

    /** {@code domain} takes mail at {@code host}, which has the address {@code ip}. */
    public InMemoryDnsResolver mx(String domain, String host, String ip) {
        add(new MXRecord(name(domain), DClass.IN, TTL, 10, name(host)));
        return a(host, ip);
    }

    /** {@code domain} publishes a null MX (RFC 7505): it takes no mail. */
    public InMemoryDnsResolver nullMx(String domain) {
        add(new MXRecord(name(domain), DClass.IN, TTL, 0, Name.root));
        return this;
    }

    public InMemoryDnsResolver a(String host, String ip) {
        try {
            add(new ARecord(name(host), DClass.IN, TTL, InetAddress.getByName(ip)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + ip, e);
        }
        return this;
    }

    /** Queries for {@code domain} get no answer until {@link #answer} is called. */
    public InMemoryDnsResolver timeOut(String domain) {
        timingOut.add(name(domain));
        return this;
    }

    public InMemoryDnsResolver answer(String domain) {
        timingOut.remove(name(domain));
        return this;
    }

    @Override
    public Message send(Message query) throws IOException {
        Record question = query.getQuestion();
        if (timingOut.contains(question.getName())) {
            throw new SocketTimeoutException("no answer for " + question.getName());
        }
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.addRecord(question, Section.QUESTION);
        List<Record> atName = records.get(question.getName());
        if (atName == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            return response;
        }
        for (Record record : atName) {
            if (record.getType() == question.getType()) {
                response.addRecord(record, Section.ANSWER);
            }
        }
        return response;
    }

    private void add(Record record) {
        records.computeIfAbsent(record.getName(), n -> new CopyOnWriteArrayList<>()).add(record);
    }

    private static Name name(String domain) {
        try {
            return Name.fromString(domain.endsWith(".") ? domain : domain + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    // Transport settings mean nothing without a transport.

    @Override
    public void setPort(int port) {
    }

    @Override
    public void setTCP(boolean flag) {
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
    }

    @Override
    public void setTSIGKey(TSIG key) {
    }

    @Override
    public void setTimeout(Duration timeout) {
    }
}
