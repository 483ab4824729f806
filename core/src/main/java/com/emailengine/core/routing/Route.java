package com.emailengine.core.routing;

/**
 * Where a contact goes: its tenant and the campaign it is enrolled in.
 *
 * @param rule the name of the rule that decided, or {@code named-tenant} when the source named the tenant and no
 *             rule chose a campaign
 */
public record Route(String tenant, String campaign, String rule) {

    public static final String NAMED_TENANT = "named-tenant";
}
