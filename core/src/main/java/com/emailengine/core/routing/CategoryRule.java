package com.emailengine.core.routing;

import java.util.List;

/** A category of {@code routing.yaml} and the keywords that give it to a contact whose source named none. */
public record CategoryRule(String id, List<String> keywords) {

    public CategoryRule {
        keywords = List.copyOf(keywords);
    }
}
