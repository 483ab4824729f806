package com.emailengine.core.delivery;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The VERP return path of a message, {@code b+<message id>@<return-path domain>}: bounces come back to an address
 * that names the message, so the bounce listener and the parser can tell which message (and contact) a DSN is about
 * without trusting anything inside it. The one place that writes it and reads it back.
 */
public final class ReturnPath {

    /** The local-part prefix; everything after it up to the {@code @} is the message id. */
    static final String PREFIX = "b+";
    /** A message id as {@link MessageIds} makes it (32 hex digits), or a test-send's ({@code t} and 32 hex digits). */
    private static final Pattern ADDRESS = Pattern.compile("b\\+(t?[0-9a-f]{32})@([a-z0-9.-]+)");

    private ReturnPath() {
    }

    /** The envelope sender of a message: {@code b+<id>@<domain>}. */
    public static String of(String messageId, String returnPathDomain) {
        return PREFIX + messageId + "@" + returnPathDomain;
    }

    /** The message a bounce to this address is about, when the address is one we wrote (case is ignored). */
    public static Optional<Bounced> read(String address) {
        if (address == null) {
            return Optional.empty();
        }
        Matcher m = ADDRESS.matcher(address.strip().toLowerCase(Locale.ROOT));
        return m.matches() ? Optional.of(new Bounced(m.group(1), m.group(2))) : Optional.empty();
    }

    /** What a return path names: the message and the return-path domain it was sent with. */
    public record Bounced(String messageId, String domain) {
    }
}
