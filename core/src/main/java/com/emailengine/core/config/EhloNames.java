package com.emailengine.core.config;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Expands an EHLO name pattern for one address. Placeholders: {@code {last}} (last IPv4 octet),
 * {@code {dashed}} (the address with dashes, {@code 198-51-100-7}), so one line names a whole range.
 */
final class EhloNames {

    private EhloNames() {
    }

    static String expand(String pattern, InetAddress address) {
        String ip = address.getHostAddress();
        String last = address instanceof Inet4Address ? ip.substring(ip.lastIndexOf('.') + 1) : ip.replace(':', '-');
        return pattern.replace("{last}", last).replace("{dashed}", ip.replace('.', '-').replace(':', '-'))
                .toLowerCase(java.util.Locale.ROOT);
    }
}
