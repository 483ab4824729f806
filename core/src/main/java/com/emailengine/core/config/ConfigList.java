package com.emailengine.core.config;

import java.util.List;

/** A sequence in a configuration document. */
public record ConfigList(String source, int line, List<ConfigNode> items) implements ConfigNode {

    public ConfigList {
        items = List.copyOf(items);
    }

    /** The items as strings, e.g. {@code languages: [en, fr]}. */
    public List<String> strings(String what) {
        return items.stream().map(item -> item.asScalar(what).string(what)).toList();
    }
}
