package com.emailengine.core.routing;

/**
 * What routing looks at for one contact, after enrichment.
 *
 * @param namedTenant the tenant the source named for this contact, or null
 * @param country     ISO 3166-1 alpha-2, upper case, or null
 * @param language    one of the template languages, or null when neither given nor derived from the country
 * @param category    a category slug, or null
 */
public record RoutingInput(String sourceId, String namedTenant, String country, String language, String category) {
}
