package com.emailengine.core.templating;

import com.emailengine.core.contact.Contact;
import com.emailengine.core.links.RecipientLinks;
import com.emailengine.core.tenant.Tenant;
import java.util.HashMap;
import java.util.Map;

/**
 * The variables every template can use, built the same way for a campaign send, a preview and a test send:
 * <ul>
 *   <li>{@code $contact}: id, email, emailName, emailDomain, firstName, lastName, fullName, displayName, language,
 *       createdAt, and {@code fields} (the contact's other data; MailWizz custom-field tags point there);</li>
 *   <li>{@code $tenant}: id, name, companyName, domain, website, fromName, fromAddress, replyTo, postalAddress;</li>
 *   <li>{@code $campaign}: id, name, step;</li>
 *   <li>{@code $links}: unsubscribe, webVersion, updateProfile, forwardFriend, reportAbuse, subscribe, campaign — the
 *       recipient's own addresses under the tenant's domain, keyed by the message id.</li>
 * </ul>
 * Text values are never null (an unknown first name is the empty string), so templates can test them with
 * {@code #if( $contact.firstName != "" )}. Stateless.
 */
public final class MessageVariables {

    private MessageVariables() {
    }

    /** For a contact of the store. */
    public static Map<String, Object> of(Tenant tenant, Contact contact, String campaignId, int step, String messageId) {
        Map<String, String> person = new HashMap<>();
        person.put("id", contact.id().hex());
        person.put("email", contact.email());
        person.put("first_name", contact.firstName());
        person.put("language", contact.language());
        person.put("created_at", contact.createdAt() == null ? "" : contact.createdAt().toString());
        return of(tenant, person, Map.of(), campaignId, step, messageId);
    }

    /**
     * From loose data (previews, test sends): keys {@code id}, {@code email}, {@code first_name}, {@code last_name},
     * {@code language}, {@code created_at}; {@code fields} become {@code $contact.fields}.
     */
    public static Map<String, Object> of(Tenant tenant, Map<String, String> person, Map<String, String> fields,
                                         String campaignId, int step, String messageId) {
        String email = value(person.get("email"));
        int at = email.lastIndexOf('@');
        String first = value(person.get("first_name")).strip();
        String last = value(person.get("last_name")).strip();
        String full = (first + " " + last).strip();
        Map<String, Object> contact = new HashMap<>();
        contact.put("id", value(person.get("id")));
        contact.put("email", email);
        contact.put("emailName", at < 0 ? email : email.substring(0, at));
        contact.put("emailDomain", at < 0 ? "" : email.substring(at + 1));
        contact.put("firstName", first);
        contact.put("lastName", last);
        contact.put("fullName", full);
        contact.put("displayName", full.isEmpty() ? email : full);
        contact.put("language", value(person.get("language")));
        contact.put("createdAt", value(person.get("created_at")));
        contact.put("fields", Map.copyOf(fields));

        Map<String, Object> tenantValues = new HashMap<>();
        tenantValues.put("id", tenant.id());
        tenantValues.put("name", tenant.displayName());
        tenantValues.put("companyName", tenant.displayName());
        tenantValues.put("domain", tenant.sendingDomain());
        tenantValues.put("website", "https://" + tenant.sendingDomain());
        tenantValues.put("fromName", tenant.fromName());
        tenantValues.put("fromAddress", tenant.fromAddress());
        tenantValues.put("replyTo", tenant.fromAddress());
        tenantValues.put("postalAddress", tenant.postalAddress());

        Map<String, Object> campaign = new HashMap<>();
        campaign.put("id", value(campaignId));
        campaign.put("name", value(campaignId));
        campaign.put("step", step);

        Map<String, Object> variables = new HashMap<>();
        variables.put("contact", contact);
        variables.put("tenant", tenantValues);
        variables.put("campaign", campaign);
        variables.put("links", links(tenant, messageId));
        variables.put("message", Map.of("id", value(messageId)));
        return variables;
    }

    /** The recipient's addresses ({@link RecipientLinks}); the paths are served under the tenant's sending domain. */
    public static Map<String, Object> links(Tenant tenant, String messageId) {
        return new HashMap<>(RecipientLinks.forTemplates(tenant.sendingDomain(), value(messageId)));
    }

    private static String value(String text) {
        return text == null ? "" : text;
    }
}
