package com.emailengine.core.tenant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tenants the engine serves, looked up by id. Immutable. */
public final class Tenants {

    private final Map<String, Tenant> byId;

    public Tenants(List<Tenant> tenants) {
        Map<String, Tenant> map = new LinkedHashMap<>();
        for (Tenant tenant : tenants) {
            if (map.put(tenant.id(), tenant) != null) {
                throw new IllegalArgumentException("tenant " + tenant.id() + " is defined twice");
            }
        }
        this.byId = Map.copyOf(map);
        this.ordered = List.copyOf(tenants);
    }

    private final List<Tenant> ordered;

    public Optional<Tenant> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    public Tenant get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown tenant " + id));
    }

    public List<Tenant> all() {
        return ordered;
    }

    public List<String> ids() {
        return ordered.stream().map(Tenant::id).toList();
    }
}
