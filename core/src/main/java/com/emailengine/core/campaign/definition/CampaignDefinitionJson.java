package com.emailengine.core.campaign.definition;

import com.emailengine.core.templating.LanguageTag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A definition as JSON (maps and lists for Jackson): what the API answers and what the store keeps. Written in the
 * form {@link CampaignDefinitionReader} reads, so a stored version reads back equal.
 */
public final class CampaignDefinitionJson {

    private CampaignDefinitionJson() {
    }

    public static Map<String, Object> of(CampaignDefinition definition) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", definition.id());
        out.put("name", definition.name());
        out.put("kind", definition.kind().wireName());
        if (!definition.audience().rules().isEmpty()) {
            List<Map<String, Object>> rules = new ArrayList<>();
            for (AudienceRule rule : definition.audience().rules()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("field", rule.field());
                r.put("operator", rule.operator());
                if (!rule.values().isEmpty()) {
                    r.put("values", rule.values());
                }
                rules.add(r);
            }
            out.put("audience", Map.of("rules", rules));
        }
        definition.trigger().ifPresent(trigger -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("event", trigger.event().wireName());
            trigger.source().ifPresent(source -> t.put("source", source));
            out.put("trigger", t);
        });
        definition.sendAt().ifPresent(at -> out.put("send_at", at.toString()));
        out.put("steps", definition.steps().stream().map(CampaignDefinitionJson::step).toList());
        definition.window().ifPresent(window -> {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("days", window.days());
            w.put("hours", window.hours());
            w.put("business_days", window.businessDaysOnly());
            out.put("window", w);
        });
        if (definition.caps().perDay().isPresent() || definition.caps().perRecipientDomain().isPresent()) {
            Map<String, Object> caps = new LinkedHashMap<>();
            definition.caps().perDay().ifPresent(n -> caps.put("per_day", n));
            definition.caps().perRecipientDomain().ifPresent(n -> caps.put("per_recipient_domain_per_day", n));
            out.put("caps", caps);
        }
        definition.pool().ifPresent(pool -> out.put("pool", pool));
        out.put("spread", definition.spread());
        if (!definition.languages().isEmpty()) {
            out.put("languages", definition.languages().stream().map(LanguageTag::value).toList());
        }
        return out;
    }

    private static Map<String, Object> step(StepDefinition step) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("template", step.templateKey());
        out.put("version", version(step.templateVersion()));
        step.delay().ifPresent(delay -> out.put("delay", DurationText.format(delay)));
        step.at().ifPresent(at -> out.put("at", at.toString()));
        step.condition().ifPresent(condition -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("if", condition.kind().wireName());
            c.put("step", condition.step() + 1);
            c.put("within", DurationText.format(condition.within()));
            out.put("condition", c);
        });
        if (!step.variants().isEmpty()) {
            List<Map<String, Object>> variants = new ArrayList<>();
            for (StepVariant variant : step.variants()) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("id", variant.id());
                v.put("percent", variant.percent());
                variant.templateKey().ifPresent(key -> {
                    v.put("template", key);
                    v.put("version", version(variant.templateVersion()));
                });
                variant.subject().ifPresent(subject -> v.put("subject", subject));
                variants.add(v);
            }
            out.put("variants", variants);
        }
        step.winner().ifPresent(winner -> {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("metric", winner.metric().wireName());
            w.put("test_share", winner.testSharePercent());
            w.put("wait", DurationText.format(winner.waitFor()));
            w.put("min_sample", winner.minimumSample());
            w.put("confidence", winner.confidence());
            w.put("default", winner.defaultVariant());
            out.put("winner", w);
        });
        return out;
    }

    private static Object version(int version) {
        return version == 0 ? "shipped" : version;
    }
}
