package com.emailengine.systemtests;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a test class only where a Docker engine answers; elsewhere the class is skipped with a reason that
 * says what did run instead, so a skip is never mistaken for a pass.
 */
final class DockerAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean available;
        try {
            available = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            available = false;
        }
        return available
                ? ConditionEvaluationResult.enabled("a Docker engine is available")
                : ConditionEvaluationResult.disabled("no Docker engine on this machine, so LocalStack cannot run: the "
                        + "LocalStack variant of the end-to-end scenario is skipped; EmbeddedCloudEndToEndTest runs the same "
                        + "scenario on the embedded emulators");
    }
}
