package com.emailengine.core.dkim;

import java.util.Objects;

/**
 * The result for one DKIM-Signature field. {@code domain}, {@code selector} and
 * {@code algorithm} are the raw {@code d=}, {@code s=} and {@code a=} values, empty when the
 * field was too broken to read them; {@code detail} explains a failure in words for humans.
 */
public record DkimVerification(String domain, String selector, String algorithm, DkimVerdict verdict, String detail) {

    public DkimVerification {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean passed() {
        return verdict.passed();
    }
}
