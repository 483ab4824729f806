package com.emailengine.functions.sqs;

import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.core.delivery.OutboundQueue;
import com.emailengine.core.json.Json;
import com.emailengine.functions.topology.SystemTopology;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Each tenant's rendered messages go to that tenant's own outbound queue, so tenants never wait on each other. */
public final class SqsOutboundQueue implements OutboundQueue {

    private final SqsClient sqs;
    private final QueueUrls queueUrls;

    public SqsOutboundQueue(SqsClient sqs, QueueUrls queueUrls) {
        this.sqs = sqs;
        this.queueUrls = queueUrls;
    }

    @Override
    public void enqueue(OutboundMessage message) {
        String url = queueUrls.url(SystemTopology.outboundQueue(message.tenantId()));
        sqs.sendMessage(r -> r.queueUrl(url).messageBody(Json.write(message))
                .messageAttributes(Map.of("message_id", MessageAttributeValue.builder().dataType("String")
                        .stringValue(message.id()).build())));
    }
}
