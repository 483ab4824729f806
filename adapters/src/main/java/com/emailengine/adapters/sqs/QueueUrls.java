package com.emailengine.adapters.sqs;

import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.ResourceNames;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Finds a queue's URL: from the function's settings when the deployment handed it over (no API call on
 * cold start), else once per queue through GetQueueUrl. Thread-safe.
 */
public final class QueueUrls {

    private final Settings settings;
    private final ResourceNames names;
    private final SqsClient sqs;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public QueueUrls(Settings settings, ResourceNames names, SqsClient sqs) {
        this.settings = settings;
        this.names = names;
        this.sqs = sqs;
    }

    public String url(String logicalName) {
        return cache.computeIfAbsent(logicalName, name -> settings.get(ResourceNames.queueUrlSetting(name))
                .orElseGet(() -> sqs.getQueueUrl(r -> r.queueName(names.queue(name))).queueUrl()));
    }
}
