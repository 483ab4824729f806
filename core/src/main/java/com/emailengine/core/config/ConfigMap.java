package com.emailengine.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** A mapping in a configuration document; keys keep their file order. */
public record ConfigMap(String source, int line, Map<String, ConfigNode> entries) implements ConfigNode {

    public ConfigMap {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public ConfigNode required(String key) {
        ConfigNode node = entries.get(key);
        if (node == null || node instanceof ConfigScalar scalar && scalar.text() == null) {
            throw error("missing required key '" + key + "'");
        }
        return node;
    }

    public Optional<ConfigNode> optional(String key) {
        ConfigNode node = entries.get(key);
        if (node instanceof ConfigScalar scalar && scalar.text() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(node);
    }

    public String string(String key) {
        return required(key).asScalar(key).string(key);
    }

    public Optional<String> optionalString(String key) {
        return optional(key).map(node -> node.asScalar(key).string(key));
    }

    public ConfigMap map(String key) {
        return required(key).asMap(key);
    }

    public List<ConfigNode> list(String key) {
        return required(key).asList(key).items();
    }

    public List<ConfigNode> optionalList(String key) {
        return optional(key).map(node -> node.asList(key).items()).orElse(List.of());
    }

    /**
     * Refuses keys the schema does not know, so that a typo ({@code welcome-campain}) is an error on
     * its line instead of a silently ignored setting.
     */
    public ConfigMap allowOnly(Set<String> known) {
        for (Map.Entry<String, ConfigNode> entry : entries.entrySet()) {
            if (!known.contains(entry.getKey())) {
                throw entry.getValue().error("unknown key '" + entry.getKey() + "' (known keys: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
        return this;
    }
}
