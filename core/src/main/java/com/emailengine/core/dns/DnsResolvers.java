package com.emailengine.core.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/**
 * Builds the dnsjava resolver from one setting, so that the same code asks the local DNS server on
 * loopback ({@code 127.0.0.1:5353}) and the system's resolvers in the cloud ({@code system}).
 */
public final class DnsResolvers {

    private DnsResolvers() {
    }

    public static Resolver fromSetting(String setting, Duration timeout) {
        try {
            Resolver resolver;
            if (setting == null || setting.isBlank() || setting.equals("system")) {
                resolver = new ExtendedResolver();
            } else {
                int colon = setting.lastIndexOf(':');
                String host = colon > 0 ? setting.substring(0, colon) : setting;
                int port = colon > 0 ? Integer.parseInt(setting.substring(colon + 1)) : 53;
                resolver = new SimpleResolver(new InetSocketAddress(host, port));
            }
            resolver.setTimeout(timeout);
            return resolver;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("DNS resolver setting '" + setting + "' must be 'system' or host:port", e);
        }
    }
}
