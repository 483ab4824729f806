package com.emailengine.core.campaign.definition;

import java.util.List;

/** A campaign that cannot be stored or activated, with every problem found (not only the first). */
public final class InvalidCampaignException extends RuntimeException {

    private final transient List<CampaignProblem> problems;
    private final String code;

    /**
     * @param code {@code invalid_campaign} (the definition itself), {@code missing_languages},
     *             {@code template_not_found}, {@code not_runnable} (activation checks)
     */
    public InvalidCampaignException(String code, List<CampaignProblem> problems) {
        super(problems.size() + " problem(s): " + problems.getFirst(), null, false, false);
        this.code = code;
        this.problems = List.copyOf(problems);
    }

    public String code() {
        return code;
    }

    public List<CampaignProblem> problems() {
        return problems;
    }
}
