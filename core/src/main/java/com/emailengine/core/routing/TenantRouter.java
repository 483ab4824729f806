package com.emailengine.core.routing;

import com.emailengine.core.source.Source;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.core.tenant.Tenants;
import java.util.List;
import java.util.Optional;

/**
 * Applies the routing rules: the first rule, top to bottom, whose conditions hold and whose tenant the source may feed
 * decides. A tenant the source named for the contact is binding: only rules routing to that tenant are considered
 * (they can still choose its campaign), and without one the contact joins that tenant's welcome campaign. A contact
 * without a named tenant that no rule routes has no route (the API rejects it with {@code no_route}).
 * Immutable, thread-safe.
 */
public final class TenantRouter {

    private final List<RoutingRule> rules;
    private final Tenants tenants;

    public TenantRouter(List<RoutingRule> rules, Tenants tenants) {
        this.rules = List.copyOf(rules);
        this.tenants = tenants;
    }

    /** The route, or empty when nothing routes the contact; the caller has checked that a named tenant may be fed. */
    public Optional<Route> route(Source source, RoutingInput input) {
        for (RoutingRule rule : rules) {
            if (!source.mayFeed(rule.tenant()) || input.namedTenant() != null && !input.namedTenant().equals(rule.tenant())) {
                continue;
            }
            if (rule.when().matches(input)) {
                Tenant tenant = tenants.get(rule.tenant());
                return Optional.of(new Route(tenant.id(), rule.campaign().orElse(tenant.welcomeCampaign()), rule.name()));
            }
        }
        if (input.namedTenant() != null) {
            Tenant tenant = tenants.get(input.namedTenant());
            return Optional.of(new Route(tenant.id(), tenant.welcomeCampaign(), Route.NAMED_TENANT));
        }
        return Optional.empty();
    }

    public List<RoutingRule> rules() {
        return rules;
    }
}
