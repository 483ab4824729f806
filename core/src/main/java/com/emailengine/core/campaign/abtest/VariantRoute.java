package com.emailengine.core.campaign.abtest;

/** What an A/B step does with one due contact: send it a variant now, or hold it for the decision. */
public sealed interface VariantRoute {

    /** Before the decision, a contact of the test share: its own variant by the split. */
    record InTest(String variantId) implements VariantRoute {
    }

    /** Before the decision, a contact outside the test share: it waits, and then gets the decided variant. */
    record Held() implements VariantRoute {
    }

    /** After the decision, every contact: the winner, or the default when there was none. */
    record Decided(String variantId, boolean winner) implements VariantRoute {
    }
}
