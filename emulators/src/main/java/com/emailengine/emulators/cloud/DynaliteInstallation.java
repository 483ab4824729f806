package com.emailengine.emulators.cloud;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where Node.js and the installed dynalite package are, checked before anything is started.
 *
 * <p>Node.js: system property {@value #NODE_PROPERTY}, else environment variable {@value #NODE_ENV},
 * else {@code node} on the PATH; it must be version 20 or newer.
 *
 * <p>dynalite: system property {@value #HOME_PROPERTY}, else environment variable {@value #HOME_ENV},
 * naming the folder into which {@code emulators/dynalite/install.js} ran {@code npm ci} (it holds
 * {@code node_modules/dynalite}). Without either, the folder {@code dynalite} beside this module's build
 * output is used ({@code emulators/target/dynalite}, where the Maven build installs it), then
 * {@code target/dynalite}, {@code emulators/target/dynalite} and {@code ../emulators/target/dynalite} under the working
 * directory.
 */
record DynaliteInstallation(String node, Path packageDir) {

    static final String HOME_PROPERTY = "emailengine.dynalite.home";
    static final String HOME_ENV = "EMAILENGINE_DYNALITE_HOME";
    static final String NODE_PROPERTY = "emailengine.node";
    static final String NODE_ENV = "EMAILENGINE_NODE";
    static final String PINNED_VERSION = "4.0.0";
    static final int MINIMUM_NODE_MAJOR = 20;

    private static final Logger LOG = LoggerFactory.getLogger(DynaliteInstallation.class);
    private static final String NAME = "DynamoDB (dynalite)";
    private static final Pattern NODE_VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+).*");
    private static final Pattern PACKAGE_VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");
    private static final String INSTALL_HINT = "Build the emulators module (`mvn -B -pl emulators -am package"
            + " -DskipTests` runs npm ci for it) or run `node emulators/dynalite/install.js emulators/target/dynalite`"
            + " from the repository root, or point -D" + HOME_PROPERTY + " (env " + HOME_ENV
            + ") at a folder holding node_modules/dynalite.";

    /** Finds and checks both; fails with an {@link EmulatorStartException} naming what is missing and the fix. */
    static DynaliteInstallation locate() {
        String node = setting(NODE_PROPERTY, NODE_ENV).orElse("node");
        requireRecentNode(node);
        return new DynaliteInstallation(node, requirePackage(homeCandidates()));
    }

    private static Optional<String> setting(String property, String env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static List<Path> homeCandidates() {
        Optional<String> configured = setting(HOME_PROPERTY, HOME_ENV);
        if (configured.isPresent()) {
            return List.of(Path.of(configured.get()));
        }
        List<Path> candidates = new ArrayList<>();
        buildOutputFolder().ifPresent(target -> candidates.add(target.resolve("dynalite")));
        Path workingDir = Path.of("").toAbsolutePath();
        candidates.add(workingDir.resolve("target/dynalite"));
        candidates.add(workingDir.resolve("emulators/target/dynalite"));
        // Tests of another module run in that module's folder, beside emulators.
        candidates.add(workingDir.resolve("../emulators/target/dynalite").normalize());
        return candidates;
    }

    /** The module's {@code target} folder when running from target/classes or a jar in target. */
    private static Optional<Path> buildOutputFolder() {
        try {
            var source = DynaliteInstallation.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI());
            return Optional.ofNullable(location.getParent());
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Path requirePackage(List<Path> homes) {
        for (Path home : homes) {
            Path packageDir = home.resolve("node_modules/dynalite");
            Path manifest = packageDir.resolve("package.json");
            if (Files.isRegularFile(manifest)) {
                warnIfNotPinned(manifest);
                return packageDir.toAbsolutePath().normalize();
            }
        }
        throw new EmulatorStartException(NAME + " cannot start: dynalite is not installed (looked for"
                + " node_modules/dynalite in " + homes + "). " + INSTALL_HINT);
    }

    private static void warnIfNotPinned(Path manifest) {
        try {
            Matcher version = PACKAGE_VERSION.matcher(Files.readString(manifest, StandardCharsets.UTF_8));
            if (version.find() && !version.group(1).equals(PINNED_VERSION)) {
                LOG.warn("dynalite {} found in {}, but the local cloud is tested with {}", version.group(1),
                        manifest.getParent(), PINNED_VERSION);
            }
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", manifest, e.toString());
        }
    }

    private static void requireRecentNode(String node) {
        String found = nodeVersion(node);
        Matcher version = NODE_VERSION.matcher(found);
        if (!version.matches()) {
            throw new EmulatorStartException(NAME + " cannot start: `" + node + " --version` printed '" + found
                    + "', not a Node.js version. Point -D" + NODE_PROPERTY + " (env " + NODE_ENV
                    + ") at a Node.js " + MINIMUM_NODE_MAJOR + "+ binary.");
        }
        if (Integer.parseInt(version.group(1)) < MINIMUM_NODE_MAJOR) {
            throw new EmulatorStartException(NAME + " cannot start: Node.js " + found + " (" + node + ") is too old;"
                    + " dynalite " + PINNED_VERSION + " needs " + MINIMUM_NODE_MAJOR + " or newer. Install Node.js "
                    + MINIMUM_NODE_MAJOR + "+ or point -D" + NODE_PROPERTY + " (env " + NODE_ENV + ") at one.");
        }
    }

    private static String nodeVersion(String node) {
        Process process;
        try {
            process = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new EmulatorStartException(NAME + " cannot start: Node.js was not found (tried '" + node + "'). Install"
                    + " Node.js " + MINIMUM_NODE_MAJOR + " or newer (Debian package nodejs) or point -D" + NODE_PROPERTY
                    + " (env " + NODE_ENV + ") at its binary.", e);
        }
        try (var output = process.getInputStream()) {
            process.getOutputStream().close();
            String printed = new String(output.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return printed;
        } catch (IOException e) {
            throw new EmulatorStartException(NAME + " cannot start: `" + node + " --version` failed: " + e.getMessage()
                    + ". Point -D" + NODE_PROPERTY + " (env " + NODE_ENV + ") at a working Node.js binary.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new EmulatorStartException(NAME + " start was interrupted", e);
        }
    }
}
