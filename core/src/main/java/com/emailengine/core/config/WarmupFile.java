package com.emailengine.core.config;

import com.emailengine.core.tenant.Tenants;
import com.emailengine.core.warmup.BlocklistWatch;
import com.emailengine.core.warmup.WarmupPlan;
import com.emailengine.core.warmup.WarmupThresholds;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code warmup.yaml}. Schema: docs/config.md. */
final class WarmupFile {

    /** A DNS label of letters, digits and inner hyphens (RFC 1123). */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /** 253 is a name's limit; the reversed IPv4 address put in front of the zone takes up to 16 of it. */
    private static final int MAX_ZONE_LENGTH = 253 - 16;
    private static final Duration MIN_CHECK_EVERY = Duration.ofMinutes(1);
    private static final Duration MAX_CHECK_EVERY = Duration.ofDays(1);

    private WarmupFile() {
    }

    static WarmupPlan read(ConfigMap doc, Set<String> providerNames, Tenants tenants) {
        doc.allowOnly(Set.of("daily-volume", "provider-share", "advance", "pause", "warm-addresses"));
        List<Integer> daily = WarmupPlan.SIX_WEEKS;
        if (doc.optional("daily-volume").isPresent()) {
            daily = new ArrayList<>();
            int previous = 0;
            for (ConfigNode node : doc.list("daily-volume")) {
                int volume = node.asScalar("a daily volume").integer("a daily volume", 1, 10_000_000);
                if (volume < previous) {
                    throw node.error("daily volume " + volume + " is below the day before (" + previous
                            + "): a warmup plan never goes down");
                }
                daily.add(volume);
                previous = volume;
            }
            if (daily.isEmpty()) {
                throw doc.required("daily-volume").error("daily-volume needs at least one day");
            }
        }
        Map<String, Integer> share = WarmupPlan.DEFAULT_SHARE;
        if (doc.optional("provider-share").isPresent()) {
            ConfigMap shares = doc.map("provider-share");
            share = new LinkedHashMap<>();
            int total = 0;
            for (Map.Entry<String, ConfigNode> entry : shares.entries().entrySet()) {
                if (!entry.getKey().equals(WarmupPlan.OTHERS) && !providerNames.contains(entry.getKey())) {
                    throw entry.getValue().error("provider '" + entry.getKey() + "' is not defined in throttles.yaml (known: "
                            + providerNames + ", others)");
                }
                int percent = percent(entry.getValue(), "share of " + entry.getKey());
                share.put(entry.getKey(), percent);
                total += percent;
            }
            if (!share.containsKey(WarmupPlan.OTHERS)) {
                throw shares.error("provider-share needs an 'others' entry for every provider not named");
            }
            if (total != 100) {
                throw shares.error("provider shares add up to " + total + "%, not 100%");
            }
        } else {
            for (String provider : share.keySet()) {
                if (!provider.equals(WarmupPlan.OTHERS) && !providerNames.contains(provider)) {
                    share = Map.of(WarmupPlan.OTHERS, 100);
                    break;
                }
            }
        }
        WarmupThresholds t = WarmupThresholds.DEFAULT;
        double minSent = t.minSentShare();
        double maxBounce = t.maxBounceRate();
        double maxComplaint = t.maxComplaintRate();
        double maxThrottled = t.maxThrottledRate();
        if (doc.optional("advance").isPresent()) {
            ConfigMap advance = doc.map("advance").allowOnly(Set.of("min-sent", "max-bounce-rate", "max-complaint-rate",
                    "max-throttled-rate"));
            minSent = rate(advance, "min-sent", minSent);
            maxBounce = rate(advance, "max-bounce-rate", maxBounce);
            maxComplaint = rate(advance, "max-complaint-rate", maxComplaint);
            maxThrottled = rate(advance, "max-throttled-rate", maxThrottled);
        }
        double pauseComplaint = t.pauseComplaintRate();
        Duration pauseFor = t.pauseFor();
        int stepBack = t.stepBackOnResume();
        BlocklistWatch blocklists = BlocklistWatch.NONE;
        if (doc.optional("pause").isPresent()) {
            ConfigMap pause = doc.map("pause").allowOnly(Set.of("complaint-rate", "rest", "step-back-days", "blocklists",
                    "blocklist-check-every"));
            pauseComplaint = rate(pause, "complaint-rate", pauseComplaint);
            pauseFor = pause.optional("rest").map(n -> n.asScalar("rest").duration("rest")).orElse(pauseFor);
            stepBack = pause.optional("step-back-days").map(n -> n.asScalar("step-back-days").integer("step-back-days", 0, 42))
                    .orElse(stepBack);
            blocklists = blocklists(pause);
        }
        Set<String> warm = new HashSet<>();
        Set<String> pooled = new HashSet<>();
        tenants.all().forEach(tenant -> tenant.pool().addresses().forEach(a -> pooled.add(a.ip())));
        for (ConfigNode node : doc.optionalList("warm-addresses")) {
            List<InetAddress> range;
            try {
                range = AddressRange.parse(node.asScalar("warm-addresses").string("an address range"));
            } catch (IllegalArgumentException e) {
                throw node.error(e.getMessage());
            }
            for (InetAddress address : range) {
                if (!pooled.contains(address.getHostAddress())) {
                    throw node.error("address " + address.getHostAddress() + " is in no tenant's ip-pool");
                }
                warm.add(address.getHostAddress());
            }
        }
        return new WarmupPlan(daily, share, new WarmupThresholds(minSent, maxBounce, maxComplaint, maxThrottled,
                pauseComplaint, pauseFor, stepBack), warm, blocklists);
    }

    private static BlocklistWatch blocklists(ConfigMap pause) {
        List<String> zones = new ArrayList<>();
        for (ConfigNode node : pause.optionalList("blocklists")) {
            String zone = node.asScalar("a blocklist zone").string("a blocklist zone").toLowerCase(Locale.ROOT);
            if (zone.endsWith(".")) {
                zone = zone.substring(0, zone.length() - 1);
            }
            String[] labels = zone.split("\\.", -1);
            boolean valid = labels.length >= 2 && zone.length() <= MAX_ZONE_LENGTH;
            for (String label : labels) {
                valid &= LABEL.matcher(label).matches();
            }
            if (!valid) {
                throw node.error("blocklist '" + node.asScalar("a blocklist zone").text().strip()
                        + "' is not a DNS zone such as zen.spamhaus.org");
            }
            if (zones.contains(zone)) {
                throw node.error("blocklist '" + zone + "' is listed twice");
            }
            zones.add(zone);
        }
        Duration every = BlocklistWatch.DEFAULT_CHECK_EVERY;
        if (pause.optional("blocklist-check-every").isPresent()) {
            ConfigNode node = pause.required("blocklist-check-every");
            every = node.asScalar("blocklist-check-every").duration("blocklist-check-every");
            if (every.compareTo(MIN_CHECK_EVERY) < 0 || every.compareTo(MAX_CHECK_EVERY) > 0) {
                throw node.error("blocklist-check-every must be between 1m and 1d, got "
                        + node.asScalar("blocklist-check-every").text().strip());
            }
        }
        return new BlocklistWatch(zones, every);
    }

    /** {@code 40%} or {@code 40}: a whole percentage 0..100. */
    private static int percent(ConfigNode node, String what) {
        String text = node.asScalar(what).string(what);
        String digits = text.endsWith("%") ? text.substring(0, text.length() - 1).strip() : text;
        try {
            int value = Integer.parseInt(digits);
            if (value < 0 || value > 100) {
                throw node.error(what + " must be between 0% and 100%, got " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw node.error(what + " must be a whole percentage such as 40%, got '" + text + "'");
        }
    }

    /** {@code 5%}, {@code 0.1%} or {@code 0.05}: a rate between 0 and 1. */
    private static double rate(ConfigMap map, String key, double fallback) {
        if (map.optional(key).isEmpty()) {
            return fallback;
        }
        ConfigNode node = map.required(key);
        String text = node.asScalar(key).string(key);
        try {
            double value = text.endsWith("%") ? Double.parseDouble(text.substring(0, text.length() - 1).strip()) / 100
                    : Double.parseDouble(text);
            if (value < 0 || value > 1 || Double.isNaN(value)) {
                throw node.error(key + " must be between 0 and 100%, got " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw node.error(key + " must be a rate such as 5% or 0.05, got '" + text + "'");
        }
    }
}
