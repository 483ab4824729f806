package com.emailengine.core.links;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The addresses a recipient can follow from a message, served under the tenant's sending domain:
 * {@code https://<sending domain>/ee/<kind>/<message id>}. The one place that writes them (templates' {@code $links},
 * the List-Unsubscribe header) and reads them back (the unsubscribe and tracking handlers of the feedback work).
 */
public final class RecipientLinks {

    /** What a link does. Its path segment is the lower-case name, hyphens for underscores. */
    public enum Kind {
        UNSUBSCRIBE, VIEW, PROFILE, FORWARD, ABUSE;

        public String segment() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A link read back: what it does and the message it came in. */
    public record Link(Kind kind, String messageId) {
    }

    private static final String BASE = "/ee/";
    private static final Pattern PATH = Pattern.compile("/ee/([a-z-]+)/(t?[0-9a-f]{32})/?");

    private RecipientLinks() {
    }

    public static String url(String sendingDomain, Kind kind, String messageId) {
        return "https://" + sendingDomain + BASE + kind.segment() + "/" + (messageId == null ? "" : messageId);
    }

    /** The one-click unsubscribe address: the body's link and the List-Unsubscribe header (RFC 8058). */
    public static String unsubscribe(String sendingDomain, String messageId) {
        return url(sendingDomain, Kind.UNSUBSCRIBE, messageId);
    }

    /** The sign-up page of the tenant, which names no message. */
    public static String subscribe(String sendingDomain) {
        return "https://" + sendingDomain + BASE + "subscribe";
    }

    /** Every link of a message, by the name templates use ({@code $links.unsubscribe}, {@code $links.webVersion}, …). */
    public static Map<String, Object> forTemplates(String sendingDomain, String messageId) {
        return Map.of(
                "unsubscribe", unsubscribe(sendingDomain, messageId),
                "webVersion", url(sendingDomain, Kind.VIEW, messageId),
                "updateProfile", url(sendingDomain, Kind.PROFILE, messageId),
                "forwardFriend", url(sendingDomain, Kind.FORWARD, messageId),
                "reportAbuse", url(sendingDomain, Kind.ABUSE, messageId),
                "subscribe", subscribe(sendingDomain),
                "campaign", url(sendingDomain, Kind.VIEW, messageId));
    }

    /** The link a request path is, when it is one we wrote. */
    public static Optional<Link> read(String path) {
        if (path == null) {
            return Optional.empty();
        }
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        for (Kind kind : Kind.values()) {
            if (kind.segment().equals(m.group(1))) {
                return Optional.of(new Link(kind, m.group(2)));
            }
        }
        return Optional.empty();
    }
}
