package com.emailengine.local.runtime;

import com.emailengine.core.access.Operator;
import com.emailengine.core.access.OperatorRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call the local gateway's operator routes: each operator holds a key ({@code Authorization: Bearer <key>}), as
 * an operator in AWS holds IAM credentials; the gateway passes the operator to the function as an authorizer's claims
 * ({@code ee_operator}, {@code ee_role}, {@code ee_tenants}), which the function checks as it checks IAM's (D42).
 * {@link #OPEN} checks nothing, for gateways of tests whose point is the gateway itself.
 */
public final class LocalOperators {

    /** No operator checked: every operator route is let through without claims (tests of the gateway alone). */
    public static final LocalOperators OPEN = new LocalOperators(Map.of(), false);

    private final Map<String, Operator> byKey;
    private final boolean checked;

    private LocalOperators(Map<String, Operator> byKey, boolean checked) {
        this.byKey = Map.copyOf(byKey);
        this.checked = checked;
    }

    /** @param keys each operator's key */
    public static LocalOperators of(Map<Operator, String> keys) {
        Map<String, Operator> byKey = new LinkedHashMap<>();
        keys.forEach((operator, key) -> byKey.put(key, operator));
        return new LocalOperators(byKey, true);
    }

    boolean checked() {
        return checked;
    }

    /** The operator an {@code Authorization} header proves, if any (keys compared in constant time). */
    Optional<Operator> of(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        Operator found = null;
        for (Map.Entry<String, Operator> entry : byKey.entrySet()) {
            if (MessageDigest.isEqual(entry.getKey().getBytes(StandardCharsets.UTF_8), given)) {
                found = entry.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The claims an authorizer hands the function for this operator. */
    static Map<String, String> claims(Operator operator) {
        return Map.of("ee_operator", operator.id(), "ee_role", operator.role().wireName(),
                "ee_tenants", String.join(",", operator.tenants()));
    }

    /** The roles the local cloud gives its operators: {@code admin}, and {@code <tenant>-operator} per tenant. */
    public static Operator tenantOperator(String tenantId) {
        return new Operator(tenantId + "-operator", OperatorRole.TENANT_OPERATOR, Set.of(tenantId));
    }
}
