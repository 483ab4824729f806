package com.emailengine.core.contact;

import java.time.Instant;

/** A person a tenant may write to, identified within the tenant by the hash of the address. */
public record Contact(
        String tenantId,
        EmailHash id,
        String email,
        String firstName,
        String language,
        String source,
        ContactStatus status,
        Instant createdAt) {
}
