package com.emailengine.core.validation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A set of domain names in A-label form that also covers every name below them: {@code mailinator.com} in the set
 * makes {@code x.mailinator.com} a member. Immutable, thread-safe; a lookup costs one hash probe per label.
 */
public final class DomainSet {

    private final Set<String> names;

    public DomainSet(Set<String> names) {
        Set<String> lower = new HashSet<>(names.size() * 2);
        for (String name : names) {
            lower.add(name.toLowerCase(Locale.ROOT));
        }
        this.names = Set.copyOf(lower);
    }

    /**
     * Reads one name per line; blank lines and lines starting with {@code #} are skipped. A missing resource is a
     * packaging error, hence unchecked.
     */
    public static DomainSet fromResource(Class<?> anchor, String resource) {
        return new DomainSet(DataLines.read(anchor, resource));
    }

    /** The entry that covers {@code asciiDomain} (itself or a parent), or null. */
    public String match(String asciiDomain) {
        String name = asciiDomain;
        while (true) {
            if (names.contains(name)) {
                return name;
            }
            int dot = name.indexOf('.');
            if (dot < 0) {
                return null;
            }
            name = name.substring(dot + 1);
        }
    }

    public boolean covers(String asciiDomain) {
        return match(asciiDomain) != null;
    }

    public int size() {
        return names.size();
    }

    /** Reads the data files shipped beside the checks: UTF-8, one entry per line, {@code #} comments. */
    static final class DataLines {

        private DataLines() {
        }

        static Set<String> read(Class<?> anchor, String resource) {
            Set<String> lines = new HashSet<>();
            for (String line : readLines(anchor, resource)) {
                lines.add(line);
            }
            return lines;
        }

        static java.util.List<String> readLines(Class<?> anchor, String resource) {
            try (InputStream in = anchor.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("data file " + resource + " is missing from the classpath");
                }
                java.util.List<String> lines = new java.util.ArrayList<>();
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String entry = line.strip();
                    if (!entry.isEmpty() && entry.charAt(0) != '#') {
                        lines.add(entry);
                    }
                }
                return lines;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read data file " + resource, e);
            }
        }
    }
}
