package com.emailengine.fleet.node;

import org.eclipse.angus.mail.util.MailStreamProvider;

/**
 * Names jakarta.mail's stream provider for the JVM. Without the name, jakarta.mail 2.1 finds its
 * {@code StreamProvider} through a {@code ServiceLoader} on every header it encodes or parses, which scans the
 * class path's jars each time: a quarter of a sender node's delivery rate (docs/benchmarks.md). With it, the
 * lookup is one reflective constructor call. The fleet owns its JVM, so it sets this for the whole process; an
 * operator's own setting is left as it is.
 */
public final class MailStreamProviderSetting {

    static final String PROPERTY = "jakarta.mail.util.StreamProvider";

    private MailStreamProviderSetting() {
    }

    public static void apply() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, MailStreamProvider.class.getName());
        }
    }
}
