package com.emailengine.core.tenant;

import com.emailengine.core.contact.EmailAddress;
import java.util.Locale;
import java.util.Set;

/**
 * Who may receive a tenant's test-sends (D40): exact addresses and whole domains ({@code @example.com} in
 * {@code tenants.yaml}). A test-send goes through the tenant's warmed IPs like campaign mail, so without this list it
 * would be a way to mail anyone, past ingest's checks. Empty: test-sends are refused.
 */
public record TestRecipients(Set<String> addresses, Set<String> domains) {

    public static final TestRecipients NONE = new TestRecipients(Set.of(), Set.of());

    public TestRecipients {
        addresses = Set.copyOf(addresses);
        domains = Set.copyOf(domains);
    }

    public boolean allows(EmailAddress recipient) {
        return addresses.contains(recipient.value().toLowerCase(Locale.ROOT))
                || domains.contains(recipient.asciiDomain().toLowerCase(Locale.ROOT));
    }

    public boolean isEmpty() {
        return addresses.isEmpty() && domains.isEmpty();
    }
}
