package com.emailengine.core.campaign.catalog;

import com.emailengine.core.campaign.definition.CampaignDefinition;
import com.emailengine.core.campaign.definition.CampaignKind;
import com.emailengine.core.campaign.definition.CampaignProblem;
import com.emailengine.core.campaign.definition.InvalidCampaignException;
import com.emailengine.core.campaign.definition.StepDefinition;
import com.emailengine.core.campaign.definition.StepVariant;
import com.emailengine.core.campaign.definition.TriggerSpec;
import com.emailengine.core.templating.LanguageTag;
import com.emailengine.core.templating.TemplateLibrary;
import com.emailengine.core.templating.TemplateRef;
import com.emailengine.core.templating.TemplateVersion;
import com.emailengine.core.tenant.Tenant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What must hold before a version may run, beyond its own validity: every template (and pinned version) it sends
 * exists, each has every language the campaign needs, the pool is the tenant's, and the scheduler runs every feature
 * the version uses. Each kind of failure is reported with all its problems at once.
 *
 * <p>The languages a campaign needs: those it names, else those its audience is limited to, else the tenant's
 * default language. A contact whose language a template lacks still gets mail (the renderer falls back to the base
 * language, then the tenant's default), but a campaign meant for German speakers whose template has no German is a
 * mistake to catch before the first send, not after.
 */
public final class ActivationCheck {

    private final TemplateLibrary templates;

    public ActivationCheck(TemplateLibrary templates) {
        this.templates = templates;
    }

    /** @throws InvalidCampaignException the first kind of failure found, with all its problems */
    public void check(Tenant tenant, CampaignDefinition definition) {
        List<InvalidCampaignException> failures = failures(tenant, definition);
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
    }

    /**
     * Every kind of failure, in the order an operator fixes them: {@code template_not_found}, {@code missing_languages},
     * {@code not_runnable}; empty when the version may run.
     */
    public List<InvalidCampaignException> failures(Tenant tenant, CampaignDefinition definition) {
        List<InvalidCampaignException> failures = new ArrayList<>();
        List<LanguageTag> needed = neededLanguages(tenant, definition);
        List<CampaignProblem> notFound = new ArrayList<>();
        List<CampaignProblem> missingLanguages = new ArrayList<>();
        for (StepDefinition step : definition.steps()) {
            String at = "/steps/" + step.number();
            checkTemplate(tenant, step.templateKey(), step.templateVersion(), needed, at, notFound, missingLanguages);
            for (int i = 0; i < step.variants().size(); i++) {
                StepVariant variant = step.variants().get(i);
                if (variant.templateKey().isPresent()) {
                    checkTemplate(tenant, variant.templateKey().get(), variant.templateVersion(), needed,
                            at + "/variants/" + i, notFound, missingLanguages);
                }
            }
        }
        if (!notFound.isEmpty()) {
            failures.add(new InvalidCampaignException("template_not_found", notFound));
        }
        if (!missingLanguages.isEmpty()) {
            failures.add(new InvalidCampaignException("missing_languages", missingLanguages));
        }
        List<CampaignProblem> notRunnable = notRunnable(tenant, definition);
        if (!notRunnable.isEmpty()) {
            failures.add(new InvalidCampaignException("not_runnable", notRunnable));
        }
        return failures;
    }

    static List<LanguageTag> neededLanguages(Tenant tenant, CampaignDefinition definition) {
        if (!definition.languages().isEmpty()) {
            return definition.languages();
        }
        Optional<List<String>> audience = definition.audience().languages();
        if (audience.isPresent()) {
            return audience.get().stream().map(LanguageTag::of).distinct().toList();
        }
        return LanguageTag.parse(tenant.defaultLanguage()).map(List::of).orElse(List.of());
    }

    private void checkTemplate(Tenant tenant, String key, int version, List<LanguageTag> needed, String at,
                               List<CampaignProblem> notFound, List<CampaignProblem> missingLanguages) {
        TemplateRef ref = version == 0 ? TemplateRef.shipped(key) : new TemplateRef(tenant.id(), key, version);
        Optional<TemplateVersion> found = templates.find(ref);
        if (found.isEmpty()) {
            notFound.add(new CampaignProblem(at + "/template", version == 0
                    ? "the engine ships no template '" + key + "' (give the version of the tenant's template)"
                    : "tenant " + tenant.id() + " has no template '" + key + "' version " + version));
            return;
        }
        Set<LanguageTag> has = new LinkedHashSet<>(found.get().content().languages());
        List<String> missing = needed.stream().filter(language -> !has.contains(language)).map(LanguageTag::value).toList();
        if (!missing.isEmpty()) {
            missingLanguages.add(new CampaignProblem(at + "/template", "template '" + key + "' "
                    + (version == 0 ? "(shipped)" : "version " + version) + " lacks " + String.join(", ", missing)
                    + " (it has " + String.join(", ", has.stream().map(LanguageTag::value).toList()) + ")"));
        }
    }

    /**
     * What the version asks for that the scheduler does not do yet: refused rather than stored as active and silently
     * ignored. This list shrinks as the campaigns issue's scheduler work lands (docs/campaigns.md).
     */
    private static List<CampaignProblem> notRunnable(Tenant tenant, CampaignDefinition definition) {
        List<CampaignProblem> problems = new ArrayList<>();
        String later = ": the scheduler does not run it yet";
        if (definition.kind() == CampaignKind.BROADCAST) {
            problems.add(new CampaignProblem("/kind", "broadcast" + later));
        }
        if (definition.trigger().map(TriggerSpec::event).orElse(null) == TriggerSpec.Event.API) {
            problems.add(new CampaignProblem("/trigger/event", "enrollment by API call" + later));
        }
        if (definition.pool().isPresent() && !definition.pool().get().equals(tenant.pool().name())) {
            problems.add(new CampaignProblem("/pool", "tenant " + tenant.id() + " sends from pool '" + tenant.pool().name()
                    + "', not '" + definition.pool().get() + "'"));
        }
        if (definition.window().isPresent()) {
            problems.add(new CampaignProblem("/window", "a sending window" + later));
        }
        if (definition.caps().perDay().isPresent() || definition.caps().perRecipientDomain().isPresent()) {
            problems.add(new CampaignProblem("/caps", "daily caps" + later));
        }
        if (!definition.audience().rules().isEmpty() && definition.kind() != CampaignKind.BROADCAST) {
            problems.add(new CampaignProblem("/audience", "audience rules on enrollment" + later));
        }
        for (StepDefinition step : definition.steps()) {
            String at = "/steps/" + step.number();
            if (step.at().isPresent()) {
                problems.add(new CampaignProblem(at + "/at", "a step at an absolute date" + later));
            }
            if (step.condition().isPresent()) {
                problems.add(new CampaignProblem(at + "/condition", "a step condition" + later));
            }
            if (!step.variants().isEmpty()) {
                problems.add(new CampaignProblem(at + "/variants", "A/B variants" + later));
            }
        }
        return problems;
    }
}
