package com.emailengine.cdk;

import com.emailengine.core.delivery.DeliveryOutcome;
import com.emailengine.platform.topology.MetricNames;
import com.emailengine.platform.topology.QueueTrigger;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The alert topic and the alarms that publish to it: a message in any dead-letter queue, any error of any
 * function, contacts or events waiting too long in a queue a function consumes, a tenant's hard-bounce rate and complaint rate. Each alarm also
 * publishes its return to OK, so an operator sees a problem end. The topic is not encrypted: CloudWatch
 * alarms cannot publish to a topic under the AWS-managed SNS key, and alerts carry no personal data.
 */
public final class Alerting extends Construct {

    /** A consumed queue whose oldest message is this old means its function is stuck or failing. */
    static final Duration BACKLOG_AGE = Duration.minutes(10);
    /** Hard-bounce share that raises the alarm; mailbox providers and SES start to act around 5 %. */
    static final int BOUNCE_RATE_PERCENT = 5;
    /** Fewer outcomes in an hour than this say nothing about a rate. */
    static final int BOUNCE_RATE_MIN_OUTCOMES = 100;

    /**
     * Complaints per delivered message that raise the alarm: Gmail and Yahoo ask bulk senders to stay under 0.1 %
     * and act at 0.3 % (their 2024 sender requirements).
     */
    static final double COMPLAINT_RATE_PERCENT = 0.1;
    /** Fewer deliveries in a day than this say nothing about a complaint rate. */
    static final int COMPLAINT_RATE_MIN_DELIVERED = 1_000;

    private final Topic topic;
    private final SnsAction action;
    private final ResourceNames names;

    public Alerting(Construct scope, String id, SystemTopology topology, ResourceNames names, Queues queues,
                    Functions functions, List<String> tenantIds, Optional<String> email) {
        super(scope, id);
        this.names = names;
        topic = Topic.Builder.create(this, "alerts")
                .topicName("ee-" + names.stage() + "-alerts")
                .displayName("Email-Engine alerts (" + names.stage() + ")")
                .enforceSsl(true)
                .build();
        email.ifPresent(address -> topic.addSubscription(new EmailSubscription(address)));
        action = new SnsAction(topic);

        queues.deadLetterQueues().forEach((queue, deadLetters) -> alarm("dlq-" + queue,
                "a message of " + names.queue(queue) + " was dead-lettered; inspect and redrive it",
                deadLetters.metricApproximateNumberOfMessagesVisible(every(Duration.minutes(1), "Maximum")), 1));
        for (Functions.Deployed function : functions.all()) {
            alarm("errors-" + function.definition().name(),
                    names.function(function.definition().name()) + " failed (an unhandled error or a timeout)",
                    function.function().metricErrors(every(Duration.minutes(5), "Sum")), 1);
        }
        for (QueueTrigger trigger : topology.triggers()) {
            alarm("backlog-" + trigger.queue(),
                    names.queue(trigger.queue()) + " has held a message for " + BACKLOG_AGE.toMinutes() + " minutes",
                    queues.queue(trigger.queue()).metricApproximateAgeOfOldestMessage(every(Duration.minutes(5), "Maximum")),
                    BACKLOG_AGE.toSeconds());
        }
        for (String tenant : tenantIds) {
            alarm("bounce-rate-" + tenant, "more than " + BOUNCE_RATE_PERCENT + " % of " + tenant + "'s messages bounced in an hour "
                            + "(at least " + BOUNCE_RATE_MIN_OUTCOMES + " outcomes): bad addresses are reaching the fleet and cost every "
                            + "tenant's reputation; pause the source or campaign that sends them",
                    bounceRate(names.stage(), tenant), BOUNCE_RATE_PERCENT);
            alarm("complaint-rate-" + tenant, "complaints reached " + COMPLAINT_RATE_PERCENT + " % of " + tenant + "'s delivered "
                            + "messages in a day (at least " + COMPLAINT_RATE_MIN_DELIVERED + " delivered), counted from the feedback-loop "
                            + "reports (ARF) the fleet received; providers throttle and then block above 0.3 %: slow the campaigns down "
                            + "and check their audience and unsubscribe links",
                    complaintRate(names.stage(), tenant), COMPLAINT_RATE_PERCENT);
        }
    }

    /**
     * Hard bounces as a share of delivered + bounced, per hour, from the counts the delivery-events function writes
     * (DeliveryMetrics); 0 below the minimum volume, so a handful of messages cannot raise it.
     */
    private static MathExpression bounceRate(String stage, String tenant) {
        Map<String, String> dimensions = Map.of(MetricNames.STAGE_DIMENSION, stage, MetricNames.TENANT_DIMENSION, tenant);
        Metric delivered = count(MetricNames.of(DeliveryOutcome.DELIVERED), dimensions);
        Metric bounced = count(MetricNames.of(DeliveryOutcome.BOUNCED), dimensions);
        return MathExpression.Builder.create()
                .expression("IF(FILL(d, 0) + FILL(b, 0) >= " + BOUNCE_RATE_MIN_OUTCOMES + ", 100 * FILL(b, 0) / (FILL(d, 0) + FILL(b, 0)), 0)")
                .usingMetrics(Map.of("d", delivered, "b", bounced))
                .label(tenant + " bounce rate %")
                .period(Duration.hours(1))
                .build();
    }

    /**
     * Complaints as a share of delivered messages, per day, from the counts of the fleet's bounce listener and the
     * delivery-events function (DeliveryMetrics); a day because reports come in hours after the mail. Feedback loops
     * report only part of the complaints (Gmail sends none), so the true rate is higher: the threshold is the floor.
     */
    private static MathExpression complaintRate(String stage, String tenant) {
        Map<String, String> dimensions = Map.of(MetricNames.STAGE_DIMENSION, stage, MetricNames.TENANT_DIMENSION, tenant);
        Duration day = Duration.days(1);
        return MathExpression.Builder.create()
                .expression("IF(FILL(d, 0) >= " + COMPLAINT_RATE_MIN_DELIVERED + ", 100 * FILL(c, 0) / FILL(d, 0), 0)")
                .usingMetrics(Map.of("d", count(MetricNames.of(DeliveryOutcome.DELIVERED), dimensions, day),
                        "c", count(MetricNames.COMPLAINTS, dimensions, day)))
                .label(tenant + " complaint rate %")
                .period(day)
                .build();
    }

    private static Metric count(String name, Map<String, String> dimensions) {
        return count(name, dimensions, Duration.hours(1));
    }

    private static Metric count(String name, Map<String, String> dimensions, Duration period) {
        return Metric.Builder.create().namespace(MetricNames.NAMESPACE).metricName(name).dimensionsMap(dimensions)
                .statistic("Sum").period(period).build();
    }

    private static MetricOptions every(Duration period, String statistic) {
        return MetricOptions.builder().period(period).statistic(statistic).build();
    }

    private void alarm(String name, String description, IMetric metric, Number threshold) {
        Alarm alarm = Alarm.Builder.create(this, name)
                .alarmName("ee-" + names.stage() + "-" + name)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
    }

    public Topic topic() {
        return topic;
    }
}
