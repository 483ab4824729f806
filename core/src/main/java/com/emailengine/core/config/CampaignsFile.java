package com.emailengine.core.config;

import com.emailengine.core.campaign.Campaign;
import com.emailengine.core.campaign.CampaignStep;
import com.emailengine.core.campaign.Campaigns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code campaigns.yaml}. Schema: docs/config.md. */
final class CampaignsFile {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern TEMPLATE_KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private CampaignsFile() {
    }

    static Campaigns read(ConfigMap doc, Set<String> tenantIds) {
        doc.allowOnly(Set.of("campaigns"));
        List<Campaign> campaigns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConfigNode node : doc.list("campaigns")) {
            ConfigMap map = node.asMap("a campaign").allowOnly(Set.of("id", "tenant", "steps"));
            String id = map.string("id");
            if (!ID.matcher(id).matches()) {
                throw map.required("id").error("campaign id '" + id + "' must be lower-case letters, digits and dashes");
            }
            String tenant = map.string("tenant");
            if (!tenantIds.contains(tenant)) {
                throw map.required("tenant").error("unknown tenant '" + tenant + "' (tenants: " + String.join(", ", tenantIds) + ")");
            }
            if (!seen.add(tenant + "/" + id)) {
                throw map.error("campaign '" + id + "' of tenant '" + tenant + "' is defined twice");
            }
            List<CampaignStep> steps = new ArrayList<>();
            for (ConfigNode stepNode : map.list("steps")) {
                ConfigMap step = stepNode.asMap("a step").allowOnly(Set.of("template", "version", "delay"));
                String template = step.string("template");
                if (!TEMPLATE_KEY.matcher(template).matches()) {
                    throw step.required("template").error("template key '" + template + "' must be lower-case letters, digits and dashes");
                }
                Duration delay = step.optional("delay").map(d -> d.asScalar("delay").duration("delay")).orElse(Duration.ZERO);
                // Without a version the step sends the template shipped with the engine; with one, that stored version.
                int version = step.optional("version").map(v -> v.asScalar("version").integer("version", 1, 1_000_000)).orElse(0);
                steps.add(new CampaignStep(steps.size(), template, version, delay));
            }
            if (steps.isEmpty()) {
                throw map.required("steps").error("campaign '" + id + "' needs at least one step");
            }
            campaigns.add(new Campaign(id, tenant, steps));
        }
        return new Campaigns(campaigns);
    }
}
