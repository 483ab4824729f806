package com.emailengine.functions.feedback;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.emailengine.adapters.cloudwatch.DeliveryMetrics;
import com.emailengine.core.delivery.DeliveryEvent;
import com.emailengine.core.feedback.DeliveryFeedback;
import com.emailengine.core.json.Json;
import com.emailengine.functions.runtime.FunctionDependencies;
import com.emailengine.functions.runtime.SqsBatchRunner;
import com.emailengine.platform.topology.MetricNames;

/** Consumes the events queue: applies the fleet's delivery outcomes to contacts and counts them as metrics. */
public final class DeliveryEventsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final SqsBatchRunner runner;

    public DeliveryEventsHandler() {
        this(FunctionDependencies.environment());
    }

    public DeliveryEventsHandler(FunctionDependencies dependencies) {
        DeliveryFeedback feedback = dependencies.deliveryFeedback();
        // EE_METRICS=off where nothing reads the log lines (the local cloud); CloudWatch reads them in the cloud.
        boolean counted = !"off".equalsIgnoreCase(dependencies.settings().get(MetricNames.SETTING).orElse("emf"));
        DeliveryMetrics metrics = new DeliveryMetrics(dependencies.names().stage(), System.out, dependencies.clock());
        this.runner = new SqsBatchRunner("delivery-events", message -> {
            DeliveryEvent delivery = Json.read(message.getBody(), DeliveryEvent.class);
            feedback.apply(delivery);
            if (counted) {
                metrics.count(delivery);
            }
        });
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return runner.run(event);
    }
}
