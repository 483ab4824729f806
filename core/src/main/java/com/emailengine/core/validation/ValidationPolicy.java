package com.emailengine.core.validation;

import java.util.EnumMap;
import java.util.Map;

/**
 * What a tenant does with the findings whose effect may be chosen ({@link ReasonCode#overridable()}): accept (keep
 * the finding as information, the address stays valid), hold (risky: stored but not enrolled), or reject (invalid).
 * Immutable; read from {@code routing.yaml}.
 */
public final class ValidationPolicy {

    /** The defaults of {@link ReasonCode}: disposable domains and system mailboxes rejected, role accounts and typos held. */
    public static final ValidationPolicy DEFAULT = new ValidationPolicy(Map.of());

    private final Map<ReasonCode, Verdict> overrides;

    public ValidationPolicy(Map<ReasonCode, Verdict> overrides) {
        EnumMap<ReasonCode, Verdict> copy = new EnumMap<>(ReasonCode.class);
        overrides.forEach((code, effect) -> {
            if (!code.overridable()) {
                throw new IllegalArgumentException("the effect of " + code.code() + " cannot be changed");
            }
            if (effect == Verdict.UNKNOWN) {
                throw new IllegalArgumentException("an effect is accept, hold or reject");
            }
            copy.put(code, effect);
        });
        this.overrides = copy;
    }

    /** This policy with {@code more} laid over it. */
    public ValidationPolicy with(Map<ReasonCode, Verdict> more) {
        EnumMap<ReasonCode, Verdict> merged = new EnumMap<>(ReasonCode.class);
        merged.putAll(overrides);
        merged.putAll(more);
        return new ValidationPolicy(merged);
    }

    public Verdict effectOf(ReasonCode code) {
        return overrides.getOrDefault(code, code.defaultEffect());
    }

    Finding apply(Finding finding) {
        if (overrides.isEmpty()) {
            return finding;
        }
        return ReasonCode.of(finding.code()).map(code -> finding.withEffect(effectOf(code))).orElse(finding);
    }

    public Map<ReasonCode, Verdict> overrides() {
        return Map.copyOf(overrides);
    }

    /** The word the configuration uses for an effect. */
    public static String actionName(Verdict effect) {
        return switch (effect) {
            case VALID -> "accept";
            case RISKY -> "hold";
            case INVALID -> "reject";
            case UNKNOWN -> "unknown";
        };
    }

    public static Verdict parseAction(String action) {
        return switch (action) {
            case "accept" -> Verdict.VALID;
            case "hold" -> Verdict.RISKY;
            case "reject" -> Verdict.INVALID;
            default -> throw new IllegalArgumentException("'" + action + "' is not accept, hold or reject");
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValidationPolicy other && other.overrides.equals(overrides);
    }

    @Override
    public int hashCode() {
        return overrides.hashCode();
    }

    @Override
    public String toString() {
        return "ValidationPolicy" + overrides;
    }
}
