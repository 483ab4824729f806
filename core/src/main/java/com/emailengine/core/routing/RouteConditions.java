package com.emailengine.core.routing;

import java.util.Set;

/**
 * The {@code when} of a routing rule: each condition is a set of accepted values, and an empty set accepts anything.
 * A contact matches when every non-empty condition holds its value (a contact without, say, a country never matches
 * a rule that asks for one).
 */
public record RouteConditions(Set<String> sources, Set<String> countries, Set<String> languages, Set<String> categories,
                              Set<String> tenants) {

    public static final RouteConditions ANY = new RouteConditions(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    public RouteConditions {
        sources = Set.copyOf(sources);
        countries = Set.copyOf(countries);
        languages = Set.copyOf(languages);
        categories = Set.copyOf(categories);
        tenants = Set.copyOf(tenants);
    }

    public boolean matches(RoutingInput input) {
        return holds(sources, input.sourceId()) && holds(countries, input.country()) && holds(languages, input.language())
                && holds(categories, input.category()) && holds(tenants, input.namedTenant());
    }

    private static boolean holds(Set<String> accepted, String value) {
        return accepted.isEmpty() || value != null && accepted.contains(value);
    }
}
