package com.emailengine.core.routing;

import java.util.Optional;

/**
 * One rule of {@code routing.yaml}: when its conditions hold, the contact goes to {@code tenant} and is enrolled in
 * {@code campaign} (empty: the tenant's welcome campaign).
 *
 * @param line where the rule starts in routing.yaml, for operators reading a contact's history
 */
public record RoutingRule(String name, RouteConditions when, String tenant, Optional<String> campaign, int line) {
}
