package com.emailengine.core.access;

import com.emailengine.core.api.Rejection;
import java.util.Optional;
import java.util.Set;

/**
 * Who calls an operator route, as the gateway proved it (IAM in AWS, a key locally, a signed-in session in the admin
 * UI later), and the one rule of tenant isolation: a tenant's routes are for that tenant's operators and the admins.
 * The gateway holds the same rule first where it can (per-tenant IAM policies); the function checks it again.
 */
public record Operator(String id, OperatorRole role, Set<String> tenants) {

    public Operator {
        tenants = Set.copyOf(tenants);
    }

    public static Operator admin(String id) {
        return new Operator(id, OperatorRole.ADMIN, Set.of());
    }

    public boolean mayActFor(String tenantId) {
        return role == OperatorRole.ADMIN || tenants.contains(tenantId);
    }

    /** Why this operator may not act for the tenant, or empty when it may. */
    public Optional<Rejection> refusalFor(String tenantId) {
        return mayActFor(tenantId) ? Optional.empty() : Optional.of(new Rejection(403, "tenant_not_allowed", null, "tenant",
                "operator " + id + " may not act for tenant " + tenantId));
    }
}
