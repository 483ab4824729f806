package com.emailengine.core.config;

import com.emailengine.core.tenant.Tenants;
import com.emailengine.core.throttle.Throttles;
import com.emailengine.core.warmup.WarmupPlan;
import java.util.HashSet;

/**
 * How the sender fleet treats receivers: per-provider throttles ({@code throttles.yaml}) and the IP warmup
 * plan ({@code warmup.yaml}). Both files are optional; without them the documented defaults apply (no named
 * provider, the six-week plan split 100 % to others). Read once per fleet node start and by the CLI.
 */
public record DeliveryPolicy(Throttles throttles, WarmupPlan warmup) {

    public static final String THROTTLES_FILE = "throttles.yaml";
    public static final String WARMUP_FILE = "warmup.yaml";

    /** @throws ConfigException naming file and line */
    public static DeliveryPolicy load(ConfigSource source, Tenants tenants) {
        Throttles throttles = source.read(THROTTLES_FILE)
                .map(text -> ThrottlesFile.read(ConfigDocument.parse(THROTTLES_FILE, text)))
                .orElseGet(Throttles::defaults);
        WarmupPlan warmup = WarmupFile.read(source.read(WARMUP_FILE)
                .map(text -> ConfigDocument.parse(WARMUP_FILE, text))
                .orElseGet(() -> new ConfigMap(WARMUP_FILE, 0, java.util.Map.of())),
                new HashSet<>(throttles.providerNames()), tenants);
        return new DeliveryPolicy(throttles, warmup);
    }
}
