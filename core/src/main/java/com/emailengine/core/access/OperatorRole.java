package com.emailengine.core.access;

import java.util.Locale;

/** What an operator may do. The admin UI will add narrower roles (read-only, campaigns only); each names its reach. */
public enum OperatorRole {
    /** Every tenant's operator routes. */
    ADMIN,
    /** The operator routes of its own tenants only. */
    TENANT_OPERATOR;

    /** The wire name in claims: {@code admin}, {@code tenant_operator}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
