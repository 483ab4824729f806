package com.emailengine.core.config;

import com.emailengine.core.campaign.Campaigns;
import com.emailengine.core.routing.Categorizer;
import com.emailengine.core.routing.CategoryRule;
import com.emailengine.core.routing.CountryLanguages;
import com.emailengine.core.routing.RouteConditions;
import com.emailengine.core.routing.Routing;
import com.emailengine.core.routing.RoutingRule;
import com.emailengine.core.routing.TenantRouter;
import com.emailengine.core.source.Sources;
import com.emailengine.core.templating.Language;
import com.emailengine.core.tenant.Tenants;
import com.emailengine.core.validation.ReasonCode;
import com.emailengine.core.validation.ValidationPolicy;
import com.emailengine.core.validation.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code routing.yaml}. Schema: docs/config.md. */
final class RoutingFile {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Set<String> CONDITIONS = Set.of("source", "country", "language", "category", "tenant");

    private RoutingFile() {
    }

    static Routing read(ConfigMap doc, Tenants tenants, Campaigns campaigns, Sources sources) {
        doc.allowOnly(Set.of("rules", "categories", "policy", "tenant-policies"));
        List<CategoryRule> categories = categories(doc);
        List<RoutingRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode node : doc.optionalList("rules")) {
            ConfigMap map = node.asMap("a rule").allowOnly(Set.of("name", "when", "route"));
            String name = map.string("name");
            if (!NAME.matcher(name).matches()) {
                throw map.required("name").error("rule name '" + name + "' must be lower-case letters, digits and dashes");
            }
            if (!names.add(name)) {
                throw map.required("name").error("rule '" + name + "' is defined twice");
            }
            RouteConditions when = map.optional("when").isPresent()
                    ? conditions(map.map("when").allowOnly(CONDITIONS), tenants, sources) : RouteConditions.ANY;
            ConfigMap route = map.map("route").allowOnly(Set.of("tenant", "campaign"));
            String tenant = route.string("tenant");
            if (tenants.find(tenant).isEmpty()) {
                throw route.required("tenant").error("unknown tenant '" + tenant + "' (tenants: " + String.join(", ", tenants.ids()) + ")");
            }
            if (!when.tenants().isEmpty() && !when.tenants().contains(tenant)) {
                throw route.required("tenant").error("rule '" + name + "' only matches contacts named for " + when.tenants()
                        + ", whose tenant it cannot change: route them to one of those");
            }
            Optional<String> campaign = route.optionalString("campaign");
            if (campaign.isPresent() && campaigns.campaign(tenant, campaign.get()).isEmpty()) {
                throw route.required("campaign").error("campaign '" + campaign.get() + "' is not defined for tenant '" + tenant
                        + "' in " + EngineConfig.CAMPAIGNS_FILE);
            }
            if (!when.sources().isEmpty() && when.sources().stream().noneMatch(s -> sources.find(s).orElseThrow().mayFeed(tenant))) {
                throw route.required("tenant").error("none of the sources " + when.sources() + " may feed tenant '" + tenant
                        + "' (see " + EngineConfig.SOURCES_FILE + "), so rule '" + name + "' can never apply");
            }
            rules.add(new RoutingRule(name, when, tenant, campaign, map.line()));
        }
        ValidationPolicy policy = doc.optional("policy").isPresent()
                ? ValidationPolicy.DEFAULT.with(policy(doc.map("policy"))) : ValidationPolicy.DEFAULT;
        Map<String, ValidationPolicy> tenantPolicies = new LinkedHashMap<>();
        if (doc.optional("tenant-policies").isPresent()) {
            for (Map.Entry<String, ConfigNode> entry : doc.map("tenant-policies").entries().entrySet()) {
                if (tenants.find(entry.getKey()).isEmpty()) {
                    throw entry.getValue().error("unknown tenant '" + entry.getKey() + "' (tenants: " + String.join(", ", tenants.ids()) + ")");
                }
                tenantPolicies.put(entry.getKey(), policy.with(policy(entry.getValue().asMap("a tenant policy"))));
            }
        }
        return new Routing(new TenantRouter(rules, tenants), new Categorizer(categories), policy, tenantPolicies);
    }

    private static List<CategoryRule> categories(ConfigMap doc) {
        List<CategoryRule> categories = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigNode node : doc.optionalList("categories")) {
            ConfigMap map = node.asMap("a category").allowOnly(Set.of("id", "keywords"));
            String id = map.string("id");
            if (!NAME.matcher(id).matches()) {
                throw map.required("id").error("category id '" + id + "' must be lower-case letters, digits and dashes");
            }
            if (!ids.add(id)) {
                throw map.required("id").error("category '" + id + "' is defined twice");
            }
            List<String> keywords = new ArrayList<>();
            for (ConfigNode keyword : map.list("keywords")) {
                String text = keyword.asScalar("a keyword").string("a keyword");
                if (Categorizer.slug(text).isEmpty()) {
                    throw keyword.error("keyword '" + text + "' has no letter or digit");
                }
                keywords.add(text);
            }
            categories.add(new CategoryRule(id, keywords));
        }
        return categories;
    }

    private static RouteConditions conditions(ConfigMap when, Tenants tenants, Sources sources) {
        Set<String> sourceIds = values(when, "source", (node, value) -> {
            if (sources.find(value).isEmpty()) {
                throw node.error("unknown source '" + value + "' (sources in " + EngineConfig.SOURCES_FILE + ": "
                        + String.join(", ", sources.ids()) + ")");
            }
            return value;
        });
        Set<String> countries = values(when, "country", (node, value) -> CountryLanguages.normalizeCountry(value)
                .orElseThrow(() -> node.error("'" + value + "' is not an ISO 3166 country code such as FR or DEU")));
        Set<String> languages = values(when, "language", (node, value) -> Language.fromTag(value).map(Language::code)
                .orElseThrow(() -> node.error("language '" + value + "' is not one of the template languages")));
        Set<String> categories = values(when, "category", (node, value) -> {
            String slug = Categorizer.slug(value);
            if (slug.isEmpty()) {
                throw node.error("category '" + value + "' has no letter or digit");
            }
            return slug;
        });
        Set<String> tenantIds = values(when, "tenant", (node, value) -> {
            if (tenants.find(value).isEmpty()) {
                throw node.error("unknown tenant '" + value + "'");
            }
            return value;
        });
        return new RouteConditions(sourceIds, countries, languages, categories, tenantIds);
    }

    private interface ValueCheck {
        String check(ConfigNode node, String value);
    }

    /** A condition given as one value or a list of values. */
    private static Set<String> values(ConfigMap when, String key, ValueCheck check) {
        Optional<ConfigNode> node = when.optional(key);
        if (node.isEmpty()) {
            return Set.of();
        }
        List<ConfigNode> items = node.get() instanceof ConfigList list ? list.items() : List.of(node.get());
        Set<String> values = new LinkedHashSet<>();
        for (ConfigNode item : items) {
            values.add(check.check(item, item.asScalar(key).string(key)));
        }
        if (values.isEmpty()) {
            throw node.get().error("condition '" + key + "' lists no value; leave it out to accept any");
        }
        return values;
    }

    private static Map<ReasonCode, Verdict> policy(ConfigMap map) {
        Map<ReasonCode, Verdict> overrides = new EnumMap<>(ReasonCode.class);
        for (Map.Entry<String, ConfigNode> entry : map.entries().entrySet()) {
            ReasonCode code = ReasonCode.of(entry.getKey()).filter(ReasonCode::overridable).orElseThrow(() ->
                    entry.getValue().error("'" + entry.getKey() + "' is not a reason code a policy may set (one of: "
                            + String.join(", ", java.util.Arrays.stream(ReasonCode.values()).filter(ReasonCode::overridable)
                            .map(ReasonCode::code).toList()) + ")"));
            String action = entry.getValue().asScalar(entry.getKey()).string(entry.getKey());
            try {
                overrides.put(code, ValidationPolicy.parseAction(action));
            } catch (IllegalArgumentException e) {
                throw entry.getValue().error(e.getMessage());
            }
        }
        return overrides;
    }
}
