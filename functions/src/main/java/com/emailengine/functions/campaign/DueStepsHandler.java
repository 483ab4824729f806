package com.emailengine.functions.campaign;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.emailengine.core.campaign.DueSteps;
import com.emailengine.functions.runtime.FunctionDependencies;
import com.emailengine.platform.runtime.Log;

/**
 * Fired every minute by EventBridge: renders and queues every due campaign step. Each run takes its own
 * {@link DueSteps} (cheap: the clients, renderer and caches behind it are the process's), so it sees the campaigns
 * as an operator left them before it started: a pause or an activation counts from the next run.
 */
public final class DueStepsHandler implements RequestHandler<ScheduledEvent, String> {

    private final FunctionDependencies dependencies;

    public DueStepsHandler() {
        this(FunctionDependencies.environment());
    }

    public DueStepsHandler(FunctionDependencies dependencies) {
        this.dependencies = dependencies;
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        DueSteps.Report report = dependencies.dueSteps().run();
        String summary = "queued=" + report.queued() + " stopped=" + report.stopped() + " failed=" + report.failed()
                + " held=" + report.held();
        if (report.queued() + report.stopped() + report.failed() + report.held() > 0) {
            Log.info("due-steps", summary);
        }
        return summary;
    }
}
