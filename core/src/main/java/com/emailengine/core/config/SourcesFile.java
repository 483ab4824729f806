package com.emailengine.core.config;

import com.emailengine.core.source.Source;
import com.emailengine.core.source.Sources;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code sources.yaml}. Schema: docs/config.md. */
final class SourcesFile {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,31}");
    private static final Set<String> KEYS = Set.of("id", "name", "tenants", "auth");

    private SourcesFile() {
    }

    static Sources read(ConfigMap doc, Set<String> tenantIds) {
        doc.allowOnly(Set.of("sources"));
        List<Source> sources = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (ConfigNode node : doc.list("sources")) {
            ConfigMap map = node.asMap("a source").allowOnly(KEYS);
            String id = map.string("id");
            if (!ID.matcher(id).matches()) {
                throw map.required("id").error("source id '" + id + "' must be 2-32 lower-case letters, digits and dashes");
            }
            if (!seen.add(id)) {
                throw map.required("id").error("source '" + id + "' is defined twice");
            }
            List<String> tenants = new ArrayList<>();
            for (ConfigNode tenantNode : map.list("tenants")) {
                String tenant = tenantNode.asScalar("a tenant").string("a tenant");
                if (!tenantIds.contains(tenant)) {
                    throw tenantNode.error("unknown tenant '" + tenant + "' (tenants: " + String.join(", ", tenantIds) + ")");
                }
                tenants.add(tenant);
            }
            if (tenants.isEmpty()) {
                throw map.required("tenants").error("source '" + id + "' must feed at least one tenant");
            }
            Set<Source.AuthMethod> auth = EnumSet.noneOf(Source.AuthMethod.class);
            for (ConfigNode methodNode : map.optionalList("auth")) {
                String method = methodNode.asScalar("an auth method").string("an auth method");
                auth.add(switch (method) {
                    case "api-key" -> Source.AuthMethod.API_KEY;
                    case "hmac" -> Source.AuthMethod.HMAC;
                    default -> throw methodNode.error("auth method must be api-key or hmac, got '" + method + "'");
                });
            }
            if (auth.isEmpty()) {
                auth = EnumSet.allOf(Source.AuthMethod.class);
            }
            sources.add(new Source(id, map.optionalString("name").orElse(id), tenants, auth));
        }
        return new Sources(sources);
    }
}
