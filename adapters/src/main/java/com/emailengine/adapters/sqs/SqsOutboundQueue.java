package com.emailengine.adapters.sqs;

import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.core.delivery.OutboundQueue;
import com.emailengine.core.json.Json;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Each tenant's rendered messages go to that tenant's own outbound queue, so tenants never wait on each other. */
public final class SqsOutboundQueue implements OutboundQueue {

    private final SqsClient sqs;
    private final UnaryOperator<String> queueUrlOfTenant;

    /** @param queueUrlOfTenant a tenant id to the URL of that tenant's outbound queue */
    public SqsOutboundQueue(SqsClient sqs, UnaryOperator<String> queueUrlOfTenant) {
        this.sqs = sqs;
        this.queueUrlOfTenant = queueUrlOfTenant;
    }

    @Override
    public void enqueue(OutboundMessage message) {
        String url = queueUrlOfTenant.apply(message.tenantId());
        sqs.sendMessage(r -> r.queueUrl(url).messageBody(Json.write(message))
                .messageAttributes(Map.of("message_id", MessageAttributeValue.builder().dataType("String")
                        .stringValue(message.id()).build())));
    }
}
