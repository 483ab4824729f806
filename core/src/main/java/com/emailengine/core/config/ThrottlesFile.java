package com.emailengine.core.config;

import com.emailengine.core.names.DomainName;
import com.emailengine.core.throttle.Provider;
import com.emailengine.core.throttle.ThrottleLimits;
import com.emailengine.core.throttle.Throttles;
import com.emailengine.core.throttle.TlsPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code throttles.yaml}. Schema: docs/config.md. */
final class ThrottlesFile {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,30}");
    static final Set<String> LIMIT_KEYS = Set.of("max-connections", "messages-per-connection", "messages-per-hour",
            "backoff", "max-backoff", "tls", "retry-after", "bounce-after");

    private ThrottlesFile() {
    }

    static Throttles read(ConfigMap doc) {
        doc.allowOnly(Set.of("defaults", "providers", "tls-required-domains"));
        ThrottleLimits defaults = doc.optional("defaults").isPresent()
                ? limits(doc.map("defaults").allowOnly(LIMIT_KEYS), ThrottleLimits.DEFAULT)
                : ThrottleLimits.DEFAULT;
        List<Provider> providers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> patterns = new HashSet<>();
        for (ConfigNode node : doc.optionalList("providers")) {
            Set<String> keys = new HashSet<>(LIMIT_KEYS);
            keys.addAll(Set.of("name", "mx", "domains"));
            ConfigMap map = node.asMap("a provider").allowOnly(keys);
            String name = map.string("name");
            if (!NAME.matcher(name).matches() || name.equals(Provider.OTHERS)) {
                throw map.required("name").error("provider name '" + name + "' must be lower-case letters, digits and dashes"
                        + " and not '" + Provider.OTHERS + "' (that is the defaults)");
            }
            if (!names.add(name)) {
                throw map.required("name").error("provider '" + name + "' is defined twice");
            }
            List<String> mx = new ArrayList<>();
            for (String pattern : map.optional("mx").map(n -> n.asList("mx").strings("an MX pattern")).orElse(List.of())) {
                String p = pattern.toLowerCase(Locale.ROOT);
                String host = p.startsWith("*.") ? p.substring(2) : p;
                if (DomainName.problemWith(host, 2) != null) {
                    throw map.required("mx").error("MX pattern '" + pattern + "' must be a host name or *.domain");
                }
                if (!patterns.add(p)) {
                    throw map.required("mx").error("MX pattern '" + pattern + "' already belongs to another provider");
                }
                mx.add(p);
            }
            List<String> domains = new ArrayList<>();
            for (String domain : map.optional("domains").map(n -> n.asList("domains").strings("a domain")).orElse(List.of())) {
                String d = domain.toLowerCase(Locale.ROOT);
                if (DomainName.problemWith(d, 2) != null) {
                    throw map.required("domains").error("'" + domain + "' is not a domain name");
                }
                domains.add(d);
            }
            if (mx.isEmpty() && domains.isEmpty()) {
                throw map.error("provider '" + name + "' needs at least one MX pattern or recipient domain");
            }
            providers.add(new Provider(name, mx, domains, limits(map, defaults)));
        }
        Set<String> tlsDomains = new LinkedHashSet<>();
        for (String domain : doc.optional("tls-required-domains").map(n -> n.asList("tls-required-domains")
                .strings("a domain")).orElse(List.of())) {
            String d = domain.toLowerCase(Locale.ROOT);
            if (DomainName.problemWith(d, 2) != null) {
                throw doc.required("tls-required-domains").error("'" + domain + "' is not a domain name");
            }
            tlsDomains.add(d);
        }
        return new Throttles(providers, defaults, tlsDomains);
    }

    /** The limits a map sets, each missing key taken from {@code base}. */
    static ThrottleLimits limits(ConfigMap map, ThrottleLimits base) {
        int connections = map.optional("max-connections").map(n -> n.asScalar("max-connections")
                .integer("max-connections", 1, 1000)).orElse(base.maxConnections());
        int perConnection = map.optional("messages-per-connection").map(n -> n.asScalar("messages-per-connection")
                .integer("messages-per-connection", 1, 100_000)).orElse(base.messagesPerConnection());
        int perHour = map.optional("messages-per-hour").map(n -> n.asScalar("messages-per-hour")
                .integer("messages-per-hour", 0, 10_000_000)).orElse(base.messagesPerHour());
        Duration backoff = duration(map, "backoff", base.backoff());
        Duration maxBackoff = duration(map, "max-backoff", base.maxBackoff());
        if (maxBackoff.compareTo(backoff) < 0) {
            throw map.required(map.optional("max-backoff").isPresent() ? "max-backoff" : "backoff")
                    .error("max-backoff (" + maxBackoff + ") must not be shorter than backoff (" + backoff + ")");
        }
        TlsPolicy tls = base.tls();
        if (map.optional("tls").isPresent()) {
            try {
                tls = TlsPolicy.fromWord(map.string("tls"));
            } catch (IllegalArgumentException e) {
                throw map.required("tls").error(e.getMessage());
            }
        }
        Optional<Duration> retryAfter = map.optional("retry-after").map(n -> n.asScalar("retry-after").duration("retry-after"))
                .or(base::retryAfter);
        Optional<Duration> bounceAfter = map.optional("bounce-after").map(n -> n.asScalar("bounce-after").duration("bounce-after"))
                .or(base::bounceAfter);
        if (retryAfter.filter(Duration::isZero).isPresent()) {
            throw map.required("retry-after").error("retry-after must be positive");
        }
        if (retryAfter.isPresent() && bounceAfter.isPresent() && bounceAfter.get().compareTo(retryAfter.get()) < 0) {
            throw map.error("bounce-after must not be shorter than retry-after");
        }
        return new ThrottleLimits(connections, perConnection, perHour, backoff, maxBackoff, tls, retryAfter, bounceAfter);
    }

    private static Duration duration(ConfigMap map, String key, Duration fallback) {
        return map.optional(key).map(n -> n.asScalar(key).duration(key)).orElse(fallback);
    }
}
