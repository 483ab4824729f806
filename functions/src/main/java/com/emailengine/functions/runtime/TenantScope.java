package com.emailengine.functions.runtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.emailengine.core.access.Operator;
import com.emailengine.core.api.Rejection;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.core.tenant.Tenants;
import java.util.Map;

/**
 * The first step of every operator route of a tenant ({@code /api/v2/tenants/{tenant}/...}): who calls, whether that
 * operator may act for the tenant, and whether the tenant exists, in that order, so a stranger learns nothing, not
 * even which tenants exist (D42).
 */
public final class TenantScope {

    /** The caller and the tenant it acts for. */
    public record Scoped(Operator caller, Tenant tenant) {
    }

    private final Callers callers;
    private final Tenants tenants;

    public TenantScope(Callers callers, Tenants tenants) {
        this.callers = callers;
        this.tenants = tenants;
    }

    /** @throws ApiRefusal 403 for no or another tenant's operator, 404 for a tenant that does not exist */
    public Scoped of(APIGatewayV2HTTPEvent event) {
        Map<String, String> path = event.getPathParameters() == null ? Map.of() : event.getPathParameters();
        Operator caller = callers.operatorOf(event).orElseThrow(() -> new ApiRefusal(new Rejection(403, "operator_unknown",
                null, null, "this route is an operator's: the gateway named no operator")));
        caller.refusalFor(path.get("tenant")).ifPresent(refused -> {
            throw new ApiRefusal(refused);
        });
        Tenant tenant = tenants.find(path.get("tenant")).orElseThrow(() -> new ApiRefusal(new Rejection(404, "unknown_tenant",
                null, "tenant", "no tenant '" + path.get("tenant") + "'")));
        return new Scoped(caller, tenant);
    }
}
