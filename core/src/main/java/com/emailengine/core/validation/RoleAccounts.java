package com.emailengine.core.validation;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Local parts that name a function rather than a person. Two tiers: {@code role} (info@, sales@: a person may read
 * them, but many do not want marketing) and {@code system} (postmaster@, abuse@, noreply@: never to be mailed by a
 * campaign; RFC 2142 reserves the first ones for operators). Matched on the lower-cased local part without its
 * {@code +tag}. Immutable, thread-safe.
 */
public final class RoleAccounts {

    public enum Tier { ROLE, SYSTEM }

    private final Map<String, Tier> byLocalPart;

    public RoleAccounts(Map<String, Tier> byLocalPart) {
        this.byLocalPart = Map.copyOf(byLocalPart);
    }

    /** Reads lines {@code <local-part> role|system}. */
    public static RoleAccounts fromResource(Class<?> anchor, String resource) {
        Map<String, Tier> map = new HashMap<>();
        List<String> lines = DomainSet.DataLines.readLines(anchor, resource);
        for (String line : lines) {
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalStateException(resource + ": '" + line + "' is not '<local-part> role|system'");
            }
            map.put(parts[0].toLowerCase(Locale.ROOT), Tier.valueOf(parts[1].toUpperCase(Locale.ROOT)));
        }
        return new RoleAccounts(map);
    }

    /** The tier of this local part, or null for a personal-looking one. */
    public Tier tierOf(String localPart) {
        int plus = localPart.indexOf('+');
        String base = plus > 0 ? localPart.substring(0, plus) : localPart;
        return byLocalPart.get(base.toLowerCase(Locale.ROOT));
    }

    public int size() {
        return byLocalPart.size();
    }
}
