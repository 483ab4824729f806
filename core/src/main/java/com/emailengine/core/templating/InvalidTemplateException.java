package com.emailengine.core.templating;

import java.util.List;
import java.util.stream.Collectors;

/** A template that cannot be saved or compiled: syntax errors and refused constructs, each with its place. */
public final class InvalidTemplateException extends RuntimeException {

    private final transient List<TemplateProblem> problems;

    public InvalidTemplateException(List<TemplateProblem> problems) {
        super(problems.stream().map(TemplateProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<TemplateProblem> problems() {
        return problems;
    }
}
