package com.emailengine.core.source;

import java.util.List;
import java.util.Set;

/**
 * A tool that posts contacts (a scraper, a prospecting tool), as {@code sources.yaml} declares it: its id, the
 * tenants it may feed and how it may authenticate. Its keys are secrets and live in {@link SourceKeys}, never here.
 */
public record Source(String id, String name, List<String> tenants, Set<AuthMethod> auth) {

    /** {@code api-key}: {@code Authorization: Bearer <key>}; {@code hmac}: a signature of timestamp and body. */
    public enum AuthMethod {
        API_KEY("api-key"), HMAC("hmac");

        private final String wireName;

        AuthMethod(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public Source {
        tenants = List.copyOf(tenants);
        auth = Set.copyOf(auth);
    }

    public boolean mayFeed(String tenantId) {
        return tenants.contains(tenantId);
    }
}
