package com.emailengine.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.platform.topology.FunctionDefinition;
import com.emailengine.platform.topology.MetricNames;
import com.emailengine.platform.topology.QueueDefinition;
import com.emailengine.platform.topology.QueueTrigger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class AlertingTest {

    private final ProdStack prod = ProdStack.get();

    @Test
    void alertsGoToOneTopicThatRefusesPlainHttpAndMailsTheOperator() {
        prod.template.resourceCountIs("AWS::SNS::Topic", 1);
        prod.template.hasResourceProperties("AWS::SNS::Topic", Map.of("TopicName", "ee-prod-alerts"));
        prod.template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Statement",
                List.of(Map.of("Action", "sns:Publish", "Effect", "Deny", "Principal", "*",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")),
                        "Resource", Map.of("Ref", topic()), "Sid", "AllowPublishThroughSSLOnly")))));
        prod.template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email",
                "Endpoint", "ops@example.com", "TopicArn", Map.of("Ref", topic())));
    }

    @Test
    void aSingleDeadLetterRaisesAnAlarm() {
        for (QueueDefinition queue : prod.topology.queues()) {
            String deadLetters = prod.logicalId("AWS::SQS::Queue", "QueueName", prod.names.queue(queue.deadLetterName()));
            prod.template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "Namespace", "AWS/SQS", "MetricName", "ApproximateNumberOfMessagesVisible",
                    "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(deadLetters, "QueueName")))),
                    "Threshold", 1, "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                    "AlarmActions", List.of(Map.of("Ref", topic()))));
        }
    }

    @Test
    void anyErrorOfAnyFunctionRaisesAnAlarm() {
        for (FunctionDefinition function : prod.topology.functions()) {
            prod.template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "Namespace", "AWS/Lambda", "MetricName", "Errors", "Statistic", "Sum",
                    "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", prod.functionLogicalId(function.name())))),
                    "Threshold", 1, "AlarmActions", List.of(Map.of("Ref", topic()))));
        }
    }

    @Test
    void eachTenantsHardBounceRateRaisesAnAlarmFromTheCountsTheEventsFunctionWrites() {
        for (String tenant : List.of("sos-expat", "ulixai")) {
            Map<String, Object> alarm = prod.template.findResources("AWS::CloudWatch::Alarm", Map.of("Properties",
                    Map.of("AlarmName", "ee-prod-bounce-rate-" + tenant))).values().stream().findFirst()
                    .map(r -> (Map<String, Object>) ((Map<String, Object>) r).get("Properties")).orElseThrow();
            assertThat(alarm).containsEntry("Threshold", Alerting.BOUNCE_RATE_PERCENT)
                    .containsEntry("AlarmActions", List.of(Map.of("Ref", topic())));
            String metrics = alarm.get("Metrics").toString();
            assertThat(metrics).contains("Namespace=EmailEngine").contains("MetricName=Delivered").contains("MetricName=Bounced")
                    .contains("Name=Tenant, Value=" + tenant).contains("Name=Stage, Value=prod")
                    .contains(">= " + Alerting.BOUNCE_RATE_MIN_OUTCOMES).contains("Period=3600");
        }
    }

    @Test
    void eachTenantsComplaintRateRaisesAnAlarmFromTheComplaintsTheFleetCountsPerDay() {
        for (String tenant : List.of("sos-expat", "ulixai")) {
            Map<String, Object> alarm = prod.template.findResources("AWS::CloudWatch::Alarm", Map.of("Properties",
                    Map.of("AlarmName", "ee-prod-complaint-rate-" + tenant))).values().stream().findFirst()
                    .map(r -> (Map<String, Object>) ((Map<String, Object>) r).get("Properties")).orElseThrow();
            assertThat(alarm).containsEntry("Threshold", Alerting.COMPLAINT_RATE_PERCENT)
                    .containsEntry("AlarmActions", List.of(Map.of("Ref", topic())));
            String metrics = alarm.get("Metrics").toString();
            assertThat(metrics).contains("MetricName=Delivered").contains("MetricName=" + MetricNames.COMPLAINTS)
                    .contains("Name=Tenant, Value=" + tenant).contains("Name=Stage, Value=prod")
                    .contains(">= " + Alerting.COMPLAINT_RATE_MIN_DELIVERED).contains("Period=86400");
        }
    }

    @Test
    void aStuckConsumerRaisesABacklogAlarm() {
        for (QueueTrigger trigger : prod.topology.triggers()) {
            String queue = prod.logicalId("AWS::SQS::Queue", "QueueName", prod.names.queue(trigger.queue()));
            prod.template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "MetricName", "ApproximateAgeOfOldestMessage",
                    "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(queue, "QueueName")))),
                    "Threshold", Alerting.BACKLOG_AGE.toSeconds()));
        }
    }

    @Test
    void everyAlarmReportsBothTroubleAndRecovery() {
        prod.template.resourceCountIs("AWS::CloudWatch::Alarm",
                prod.topology.queues().size() + prod.topology.functions().size() + prod.topology.triggers().size()
                        + 2 * List.of("sos-expat", "ulixai").size()); // a bounce-rate and a complaint-rate alarm per tenant
        assertThat(prod.propertiesOf("AWS::CloudWatch::Alarm")).allSatisfy(alarm -> {
            assertThat(alarm).containsEntry("AlarmActions", List.of(Map.of("Ref", topic())));
            assertThat(alarm).containsEntry("OKActions", List.of(Map.of("Ref", topic())));
            assertThat(alarm).containsEntry("TreatMissingData", "notBreaching");
        });
    }

    private String topic() {
        return prod.logicalId("AWS::SNS::Topic", "TopicName", "ee-prod-alerts");
    }
}
