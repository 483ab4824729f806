package com.emailengine.core.campaign;

import com.emailengine.core.templating.TemplateRef;
import java.time.Duration;

/**
 * One message of a sequence.
 *
 * @param templateVersion the pinned version of the tenant's template; {@value TemplateRef#SHIPPED} for the template
 *                        shipped with the engine. Versions are immutable, so a running campaign never changes under
 *                        its contacts when someone edits the template.
 * @param delay           time after enrollment (first step) or after the previous step was sent
 */
public record CampaignStep(int number, String templateKey, int templateVersion, Duration delay) {

    /** A step sending the shipped template of this key. */
    public CampaignStep(int number, String templateKey, Duration delay) {
        this(number, templateKey, TemplateRef.SHIPPED, delay);
    }

    public TemplateRef template(String tenantId) {
        return templateVersion == TemplateRef.SHIPPED ? TemplateRef.shipped(templateKey)
                : new TemplateRef(tenantId, templateKey, templateVersion);
    }
}
