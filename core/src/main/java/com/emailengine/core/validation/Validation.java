package com.emailengine.core.validation;

import com.emailengine.core.contact.EmailAddress;
import java.util.List;

/**
 * The outcome of validating one address.
 *
 * @param input    what was submitted
 * @param address  the parsed address, or null when the syntax step refused it
 * @param verdict  the worst effect among the findings ({@code valid} when there is none)
 * @param findings in pipeline order, effects under the policy in force
 */
public record Validation(String input, EmailAddress address, Verdict verdict, List<Finding> findings) {

    public Validation {
        findings = List.copyOf(findings);
    }

    static Validation of(String input, EmailAddress address, List<Finding> findings) {
        Verdict verdict = Verdict.VALID;
        for (Finding finding : findings) {
            verdict = verdict.worse(finding.effect());
        }
        return new Validation(input, address, verdict, findings);
    }

    public List<String> codes() {
        return findings.stream().map(Finding::code).toList();
    }

    public boolean has(ReasonCode code) {
        return findings.stream().anyMatch(f -> f.code().equals(code.code()));
    }

    /** The first finding that decided the verdict (the worst one), or null for a valid address without findings. */
    public Finding decisive() {
        return findings.stream().filter(f -> f.effect() == verdict && verdict != Verdict.VALID).findFirst().orElse(null);
    }

    /** A suggested correction (typo checks), or null. */
    public String suggestion() {
        return findings.stream().map(Finding::suggestion).filter(s -> s != null).findFirst().orElse(null);
    }
}
