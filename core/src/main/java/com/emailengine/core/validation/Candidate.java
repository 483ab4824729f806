package com.emailengine.core.validation;

import com.emailengine.core.contact.EmailAddress;

/**
 * An address under validation, already through the syntax step.
 *
 * @param tenantId the tenant it is validated for (its suppression list and policy), or null outside any tenant
 */
public record Candidate(EmailAddress address, String tenantId) {
}
