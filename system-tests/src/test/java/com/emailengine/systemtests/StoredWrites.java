package com.emailengine.systemtests;

import com.emailengine.local.LocalCloud;
import com.emailengine.platform.topology.SystemTopology;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What an API request could have written on a local cloud: queued contacts and messages, template records and bodies,
 * campaign records (with their status and versions) and versions.
 * A refused request must leave it as it found it.
 */
record StoredWrites(int contactsQueued, int outboundQueued, int templateItems, int templateBodies, String campaigns) {

    static StoredWrites of(LocalCloud cloud) {
        SqsClient sqs = cloud.dependencies().sqs();
        int outbound = 0;
        for (String tenant : cloud.config().tenants().ids()) {
            outbound += depth(cloud, sqs, SystemTopology.outboundQueue(tenant));
        }
        int items = cloud.dependencies().dynamoDb().scan(r -> r.tableName(cloud.names().table(SystemTopology.TEMPLATES_TABLE))
                .consistentRead(true).select(Select.COUNT)).count();
        int bodies = cloud.dependencies().s3().listObjectsV2(r -> r.bucket(cloud.provisioned().buckets()
                .get(SystemTopology.TEMPLATES_BUCKET))).keyCount();
        // Campaign items with what a status change or a new version moves: a refused request must have moved none.
        String campaigns = cloud.dependencies().dynamoDb().scan(r -> r.tableName(cloud.names().table(SystemTopology.CAMPAIGNS_TABLE))
                .consistentRead(true)).items().stream()
                .map(item -> item.get("item").s() + "=" + item.getOrDefault("status", AttributeValue.fromS("")).s() + "/"
                        + item.getOrDefault("latest_version", AttributeValue.fromN("0")).n() + "/"
                        + item.getOrDefault("active_version", AttributeValue.fromN("0")).n())
                .sorted().reduce("", (a, b) -> a + b + ";");
        return new StoredWrites(depth(cloud, sqs, SystemTopology.CONTACTS_QUEUE), outbound, items, bodies, campaigns);
    }

    private static int depth(LocalCloud cloud, SqsClient sqs, String queue) {
        var attributes = sqs.getQueueAttributes(r -> r.queueUrl(cloud.provisioned().queueUrls().get(queue))
                .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings();
        return Integer.parseInt(attributes.get("ApproximateNumberOfMessages"))
                + Integer.parseInt(attributes.get("ApproximateNumberOfMessagesNotVisible"));
    }
}
