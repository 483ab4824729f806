package com.emailengine.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.platform.topology.QueueTrigger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class QueueTriggersTest {

    private final ProdStack prod = ProdStack.get();

    @Test
    void everyTriggerIsAMappingReportingPartialBatchFailuresWithItsBatchSizeAndWindow() {
        prod.template.resourceCountIs("AWS::Lambda::EventSourceMapping", prod.topology.triggers().size());
        for (QueueTrigger trigger : prod.topology.triggers()) {
            String queue = prod.logicalId("AWS::SQS::Queue", "QueueName", prod.names.queue(trigger.queue()));
            prod.template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                    "EventSourceArn", Map.of("Fn::GetAtt", List.of(queue, "Arn")),
                    "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                    "BatchSize", trigger.batchSize(),
                    "MaximumBatchingWindowInSeconds", trigger.maxBatchingWindow().toSeconds(),
                    "Enabled", Match.absent()));
        }
    }

    @Test
    void mappingsInvokeTheLiveAliasNotTheUnpublishedFunction() {
        // SnapStart applies to published versions only; $LATEST would cold-start the slow way.
        for (Map<String, Object> mapping : prod.propertiesOf("AWS::Lambda::EventSourceMapping")) {
            String alias = TemplateJson.referencedIds(mapping.get("FunctionName")).iterator().next();
            assertThat(prod.resources("AWS::Lambda::Alias")).containsKey(alias);
            assertThat(mapping.get("FunctionName").toString()).contains(":" + Functions.ALIAS);
        }
    }
}
