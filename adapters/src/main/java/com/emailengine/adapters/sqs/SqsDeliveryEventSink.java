package com.emailengine.adapters.sqs;

import com.emailengine.core.delivery.DeliveryEvent;
import com.emailengine.core.delivery.DeliveryEventSink;
import com.emailengine.core.json.Json;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Publishes delivery outcomes on the events queue, which the delivery-events function consumes. */
public final class SqsDeliveryEventSink implements DeliveryEventSink {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsDeliveryEventSink(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void publish(DeliveryEvent event) {
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(Json.write(event)));
    }

    @Override
    public void publishJson(String json) {
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(json));
    }
}
