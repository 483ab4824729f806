package com.emailengine.core.validation;

/**
 * One thing a check found about an address.
 *
 * @param code       a stable reason code of {@link ReasonCode}, e.g. {@code role_account}
 * @param effect     what it does to the verdict under the policy in force; {@code VALID} means it is informational
 * @param message    a sentence for people
 * @param suggestion a likely intended address (typo checks), or null; never applied automatically
 */
public record Finding(String code, Verdict effect, String message, String suggestion) {

    public static Finding of(ReasonCode reason, String message) {
        return new Finding(reason.code(), reason.defaultEffect(), message, null);
    }

    public Finding withEffect(Verdict newEffect) {
        return newEffect == effect ? this : new Finding(code, newEffect, message, suggestion);
    }
}
