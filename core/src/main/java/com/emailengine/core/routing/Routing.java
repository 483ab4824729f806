package com.emailengine.core.routing;

import com.emailengine.core.tenant.Tenants;
import com.emailengine.core.validation.ValidationPolicy;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code routing.yaml} says: the routing rules, the categories, and what each tenant does with the findings
 * of validation (its {@link ValidationPolicy}). Immutable.
 */
public record Routing(TenantRouter router, Categorizer categorizer, ValidationPolicy policy,
                      Map<String, ValidationPolicy> tenantPolicies) {

    public Routing {
        tenantPolicies = Map.copyOf(tenantPolicies);
    }

    /** No rules, no categories, default policy: a contact goes to the tenant its source names, as before routing existed. */
    public static Routing none(Tenants tenants) {
        return new Routing(new TenantRouter(List.of(), tenants), new Categorizer(List.of()), ValidationPolicy.DEFAULT, Map.of());
    }

    public ValidationPolicy policyFor(String tenantId) {
        return tenantPolicies.getOrDefault(tenantId, policy);
    }
}
