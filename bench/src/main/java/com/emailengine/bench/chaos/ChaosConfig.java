package com.emailengine.bench.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The chaos run's configuration: the local cloud's tenants, sources, routing and throttles, a one-step welcome campaign
 * per tenant, and every sending address warm (no warm-up quota: the run is about crashes, not about day one's 50
 * messages per IP).
 */
final class ChaosConfig {

    private ChaosConfig() {
    }

    static Path write(Path local, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String file : List.of("tenants.yaml", "sources.yaml", "routing.yaml", "throttles.yaml")) {
            Files.copy(local.resolve(file), dir.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(dir.resolve("campaigns.yaml"), """
                campaigns:
                  - id: welcome
                    tenant: sos-expat
                    steps:
                      - template: welcome
                        delay: 0s
                  - id: welcome
                    tenant: ulixai
                    steps:
                      - template: welcome
                        delay: 0s
                """);
        String warmup = Files.readString(local.resolve("warmup.yaml"))
                .replaceAll("(?m)^warm-addresses:.*$", "warm-addresses: [127.0.1.1-127.0.1.100]");
        if (!warmup.contains("127.0.1.1-127.0.1.100")) {
            throw new IllegalStateException("warmup.yaml of " + local + " has no warm-addresses line to replace");
        }
        Files.writeString(dir.resolve("warmup.yaml"), warmup);
        return dir;
    }
}
