package com.emailengine.core.campaign.abtest;

/** How many contacts a variant gets in a plan. */
public record VariantCount(String variantId, int contacts) {
}
