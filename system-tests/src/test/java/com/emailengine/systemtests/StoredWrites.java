package com.emailengine.systemtests;

import com.emailengine.local.LocalCloud;
import com.emailengine.platform.topology.SystemTopology;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What an API request could have written on a local cloud: queued contacts and messages, template records and bodies.
 * A refused request must leave it as it found it.
 */
record StoredWrites(int contactsQueued, int outboundQueued, int templateItems, int templateBodies) {

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
        return new StoredWrites(depth(cloud, sqs, SystemTopology.CONTACTS_QUEUE), outbound, items, bodies);
    }

    private static int depth(LocalCloud cloud, SqsClient sqs, String queue) {
        var attributes = sqs.getQueueAttributes(r -> r.queueUrl(cloud.provisioned().queueUrls().get(queue))
                .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings();
        return Integer.parseInt(attributes.get("ApproximateNumberOfMessages"))
                + Integer.parseInt(attributes.get("ApproximateNumberOfMessagesNotVisible"));
    }
}
