package com.emailengine.core.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sources of a stage, by id. Immutable. */
public final class Sources {

    public static final Sources NONE = new Sources(List.of());

    private final Map<String, Source> byId;

    public Sources(List<Source> sources) {
        Map<String, Source> map = new LinkedHashMap<>();
        for (Source source : sources) {
            if (map.put(source.id(), source) != null) {
                throw new IllegalArgumentException("source " + source.id() + " is defined twice");
            }
        }
        this.byId = map;
    }

    public Optional<Source> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    public List<Source> all() {
        return List.copyOf(byId.values());
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }
}
