package com.emailengine.core.mailwizz;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each MailWizz tag becomes in a Velocity template. The list follows MailWizz's own list of available template
 * tags (CampaignTemplate::getAvailableTags and the replacements of CampaignHelper); MailWizz lists map to campaigns,
 * the list's company to the tenant. Tags that depend on something Email-Engine does not do (fetching remote content,
 * feeds, surveys, delivery-server names, subscriber IP history) are refused, with the reason.
 */
public final class MailWizzTags {

    /** A tag's replacement: a Velocity expression, or literal text, or why it cannot be converted. */
    public record Mapping(String velocity, String literal, String unsupportedBecause, String note) {
        boolean supported() {
            return unsupportedBecause == null;
        }
    }

    private static final Map<String, Mapping> TAGS = new HashMap<>();

    private static void ref(String velocity, String... tags) {
        for (String tag : tags) {
            TAGS.put(tag, new Mapping(velocity, null, null, null));
        }
    }

    private static void noted(String velocity, String note, String... tags) {
        for (String tag : tags) {
            TAGS.put(tag, new Mapping(velocity, null, null, note));
        }
    }

    private static void literal(String tag, String text) {
        TAGS.put(tag, new Mapping(null, text, null, null));
    }

    private static void unsupported(String because, String... tags) {
        for (String tag : tags) {
            TAGS.put(tag, new Mapping(null, null, because, null));
        }
    }

    static {
        // The subscriber.
        ref("${contact.firstName}", "FNAME", "FIRST_NAME");
        ref("${contact.lastName}", "LNAME", "LAST_NAME");
        ref("${contact.email}", "EMAIL", "SUBSCRIBER_EMAIL");
        ref("${contact.emailName}", "EMAIL_NAME", "SUBSCRIBER_EMAIL_NAME");
        ref("${contact.emailDomain}", "EMAIL_DOMAIN", "SUBSCRIBER_EMAIL_DOMAIN");
        ref("${contact.id}", "SUBSCRIBER_UID", "SUBSCRIBER_ID");
        ref("${contact.createdAt}", "SUBSCRIBER_DATE_ADDED", "SUBSCRIBER_DATE_ADDED_LOCALIZED");
        ref("${contact.displayName}", "CAMPAIGN_TO_NAME");
        // The recipient's own links.
        ref("${links.unsubscribe}", "UNSUBSCRIBE_URL", "DIRECT_UNSUBSCRIBE_URL");
        noted("${links.unsubscribe}", "unsubscribes from every campaign of the tenant (MailWizz: from the customer)",
                "UNSUBSCRIBE_FROM_CUSTOMER_URL");
        ref("${links.webVersion}", "WEB_VERSION_URL");
        ref("${links.campaign}", "CAMPAIGN_URL");
        ref("${links.updateProfile}", "UPDATE_PROFILE_URL");
        ref("${links.forwardFriend}", "FORWARD_FRIEND_URL");
        ref("${links.reportAbuse}", "CAMPAIGN_REPORT_ABUSE_URL");
        ref("${links.subscribe}", "SUBSCRIBE_URL");
        noted("<a href=\"${links.unsubscribe}\">Unsubscribe</a>", "link text is English, as MailWizz wrote it; translate it per language",
                "UNSUBSCRIBE_LINK", "DIRECT_UNSUBSCRIBE_LINK", "UNSUBSCRIBE_FROM_CUSTOMER_LINK");
        noted("<a href=\"${links.subscribe}\">Subscribe</a>", "link text is English, as MailWizz wrote it", "SUBSCRIBE_LINK");
        // The sender: MailWizz's list company is the tenant here.
        ref("${tenant.companyName}", "COMPANY_NAME");
        ref("${tenant.website}", "COMPANY_WEBSITE", "CURRENT_DOMAIN_URL");
        ref("${tenant.domain}", "CURRENT_DOMAIN");
        noted("${tenant.postalAddress}", "the tenant's postal address is not configured yet and renders empty; "
                + "commercial email must show one (CAN-SPAM)", "COMPANY_FULL_ADDRESS");
        ref("${tenant.fromName}", "LIST_FROM_NAME", "CAMPAIGN_FROM_NAME", "DS_FROM_NAME");
        ref("${tenant.fromAddress}", "LIST_FROM_EMAIL", "CAMPAIGN_FROM_EMAIL", "DS_FROM_EMAIL");
        ref("${tenant.replyTo}", "CAMPAIGN_REPLY_TO", "DS_REPLYTO_EMAIL");
        // Lists and campaigns: a MailWizz list is a campaign here.
        ref("${campaign.name}", "LIST_NAME", "LIST_DISPLAY_NAME", "CAMPAIGN_NAME");
        ref("${campaign.id}", "LIST_UID", "LIST_ID", "CAMPAIGN_UID", "CAMPAIGN_ID");
        ref("${message.subject}", "CAMPAIGN_SUBJECT");
        // Dates, in UTC as MailWizz's server time.
        ref("${now.year}", "CURRENT_YEAR");
        ref("${now.month}", "CURRENT_MONTH");
        ref("${now.day}", "CURRENT_DAY");
        ref("${now.date}", "CURRENT_DATE");
        ref("${now.monthName}", "CURRENT_MONTH_FULL_NAME");
        ref("${now.isoDate}", "DATE");
        ref("${now.datetime}", "DATETIME");
        // Characters MailWizz's editor would otherwise mangle.
        literal("SIGN_LT", "<");
        literal("SIGN_LTE", "<=");
        literal("SIGN_GT", ">");
        literal("SIGN_GTE", ">=");
        unsupported("templates may not fetch content from the network", "REMOTE_CONTENT");
        unsupported("RSS/JSON feeds are not supported", "XML_FEED_BEGIN", "XML_FEED_END", "JSON_FEED_BEGIN", "JSON_FEED_END");
        unsupported("surveys are not supported", "SURVEY");
        unsupported("vCards are not served", "LIST_VCARD_URL", "CAMPAIGN_VCARD_URL");
        unsupported("delivery servers are the engine's own fleet; their names are not shown to recipients",
                "DS_NAME", "DS_HOST", "DS_TYPE", "DS_ID");
        unsupported("the engine keeps no subscription IP or opt-in history",
                "SUBSCRIBER_IP", "SUBSCRIBER_OPTIN_IP", "SUBSCRIBER_OPTIN_DATE", "SUBSCRIBER_CONFIRM_IP",
                "SUBSCRIBER_CONFIRM_DATE");
        unsupported("send history is not available to templates", "SUBSCRIBER_LAST_SENT_DATE",
                "SUBSCRIBER_LAST_SENT_DATE_LOCALIZED");
        unsupported("campaign scheduling details are not available to templates", "CAMPAIGN_TYPE", "CAMPAIGN_SEND_AT",
                "CAMPAIGN_STARTED_AT", "CAMPAIGN_DATE_ADDED", "CAMPAIGN_DATETIME_ADDED", "CAMPAIGN_SEGMENT_NAME");
        unsupported("lists have no description or default subject here", "LIST_DESCRIPTION", "LIST_SUBJECT");
        unsupported("the tenant's postal address is not configured in parts", "COMPANY_ADDRESS_1", "COMPANY_ADDRESS_2",
                "COMPANY_CITY", "COMPANY_ZONE", "COMPANY_ZONE_CODE", "COMPANY_ZIP", "COMPANY_COUNTRY",
                "COMPANY_COUNTRY_CODE", "COMPANY_PHONE");
    }

    /** Filters MailWizz applies with {@code [TAG:filter:name]}, and the {@code $text} method of each. */
    static final Set<String> FILTERS = Set.of("uppercase", "lowercase", "ucfirst", "ucwords", "trim", "urlencode",
            "rawurlencode", "htmlencode", "base64encode");

    private MailWizzTags() {
    }

    public static Optional<Mapping> of(String tag) {
        return Optional.ofNullable(TAGS.get(tag));
    }

    /** Every tag with a mapping (converted or refused), for documentation and tests. */
    public static Set<String> known() {
        return Set.copyOf(TAGS.keySet());
    }

    public static boolean supported(String tag) {
        Mapping mapping = TAGS.get(tag);
        return mapping != null && mapping.supported();
    }
}
