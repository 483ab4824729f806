package com.emailengine.functions.campaign;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.emailengine.core.campaign.DueSteps;
import com.emailengine.functions.runtime.FunctionDependencies;
import com.emailengine.platform.runtime.Log;

/** Fired every minute by EventBridge: renders and queues every due campaign step. */
public final class DueStepsHandler implements RequestHandler<ScheduledEvent, String> {

    private final DueSteps dueSteps;

    public DueStepsHandler() {
        this(FunctionDependencies.environment());
    }

    public DueStepsHandler(FunctionDependencies dependencies) {
        this.dueSteps = dependencies.dueSteps();
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        DueSteps.Report report = dueSteps.run();
        String summary = "queued=" + report.queued() + " stopped=" + report.stopped() + " failed=" + report.failed();
        if (report.queued() + report.stopped() + report.failed() > 0) {
            Log.info("due-steps", summary);
        }
        return summary;
    }
}
