package com.emailengine.bench.chaos;

import com.emailengine.emulators.cloud.CloudEndpoints;
import com.emailengine.platform.aws.AwsClients;
import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import java.net.URI;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where undelivered contacts are, for the report of a run that lost some: each one's status in the contacts table
 * ({@code missing} when no record exists), and how many messages wait on each queue.
 */
final class WhereTheyAre {

    private WhereTheyAre() {
    }

    static String of(URI sqs, URI dynamoDb, URI s3, Collection<String> addresses) {
        ResourceNames names = new ResourceNames("local");
        try (AwsClients aws = new AwsClients(Settings.of(CloudEndpoints.forLocalAccount(sqs, dynamoDb, s3).settings("local")))) {
            Map<String, String> status = new HashMap<>();
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                var page = aws.dynamoDb().scan(r -> r.tableName(names.table(SystemTopology.CONTACTS_TABLE))
                        .projectionExpression("email, #s").expressionAttributeNames(Map.of("#s", "status"))
                        .exclusiveStartKey(from));
                page.items().forEach(item -> status.put(item.get("email").s().toLowerCase(Locale.ROOT),
                        item.containsKey("status") ? item.get("status").s() : "?"));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            Map<String, Integer> byStatus = new TreeMap<>();
            addresses.forEach(a -> byStatus.merge(status.getOrDefault(a.toLowerCase(Locale.ROOT), "missing"), 1, Integer::sum));
            Map<String, String> depths = new TreeMap<>();
            for (String queue : aws.sqs().listQueues().queueUrls()) {
                var attributes = aws.sqs().getQueueAttributes(r -> r.queueUrl(queue)
                        .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                        .attributesAsStrings();
                depths.put(queue.substring(queue.lastIndexOf('/') + 1), attributes.get("ApproximateNumberOfMessages") + " visible, "
                        + attributes.get("ApproximateNumberOfMessagesNotVisible") + " in flight");
            }
            return "undelivered by contact status " + byStatus + "; queues " + depths;
        } catch (RuntimeException e) {
            return "cannot look: " + e;
        }
    }
}
