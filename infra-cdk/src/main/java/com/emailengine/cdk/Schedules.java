package com.emailengine.cdk;

import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.ScheduleDefinition;
import com.emailengine.platform.topology.SystemTopology;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.constructs.Construct;

/**
 * The topology's schedules as EventBridge rules, with the expression exactly as defined (the local
 * scheduler reads the same text). A scheduled run is a tick, not a job: the next tick picks up whatever a
 * failed or throttled one left, so ticks are never retried and never queued for long behind a running one.
 */
public final class Schedules extends Construct {

    /** Lambda's floor for an asynchronous event's age; an older tick is dropped, the next one is due soon. */
    static final Duration TICK_MAX_AGE = Duration.minutes(1);

    public Schedules(Construct scope, String id, SystemTopology topology, ResourceNames names, Functions functions) {
        super(scope, id);
        for (ScheduleDefinition schedule : topology.schedules()) {
            var alias = functions.get(schedule.function()).alias();
            alias.configureAsyncInvoke(EventInvokeConfigOptions.builder().retryAttempts(0).maxEventAge(TICK_MAX_AGE).build());
            Rule.Builder.create(this, schedule.name())
                    .ruleName(names.schedule(schedule.name()))
                    .description("fires " + schedule.function() + " on " + schedule.expression())
                    .schedule(Schedule.expression(schedule.expression()))
                    .targets(java.util.List.of(LambdaFunction.Builder.create(alias)
                            .retryAttempts(0)
                            .maxEventAge(TICK_MAX_AGE)
                            .build()))
                    .build();
        }
    }
}
