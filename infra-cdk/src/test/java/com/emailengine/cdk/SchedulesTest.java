package com.emailengine.cdk;

import com.emailengine.platform.topology.ScheduleDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class SchedulesTest {

    private final ProdStack prod = ProdStack.get();

    @Test
    void everyScheduleIsARuleFiringTheLiveAliasWithoutRetries() {
        prod.template.resourceCountIs("AWS::Events::Rule", prod.topology.schedules().size());
        for (ScheduleDefinition schedule : prod.topology.schedules()) {
            String alias = prod.resources("AWS::Lambda::Alias").entrySet().stream()
                    .filter(e -> Map.of("Ref", prod.functionLogicalId(schedule.function()))
                            .equals(TemplateJson.properties(e.getValue()).get("FunctionName")))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            prod.template.hasResourceProperties("AWS::Events::Rule", Map.of(
                    "Name", prod.names.schedule(schedule.name()),
                    "ScheduleExpression", schedule.expression(),
                    "State", "ENABLED",
                    "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", alias),
                            "RetryPolicy", Map.of("MaximumRetryAttempts", 0, "MaximumEventAgeInSeconds", 60))))));
            prod.template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
                    "FunctionName", Map.of("Ref", prod.functionLogicalId(schedule.function())),
                    "MaximumRetryAttempts", 0));
            prod.template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                    "FunctionName", Map.of("Ref", alias), "Principal", "events.amazonaws.com"));
        }
    }
}
