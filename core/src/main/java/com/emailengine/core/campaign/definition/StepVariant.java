package com.emailengine.core.campaign.definition;

import java.util.Optional;

/**
 * One arm of a step's A/B test: its share of the step's contacts, and what differs from the step (another template,
 * or only another subject line).
 *
 * @param templateKey     empty: the step's template
 * @param templateVersion 0 for the shipped template of that key; only read with a template key
 */
public record StepVariant(String id, int percent, Optional<String> templateKey, int templateVersion, Optional<String> subject) {
}
