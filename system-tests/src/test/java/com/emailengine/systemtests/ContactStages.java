package com.emailengine.systemtests;

import com.emailengine.core.delivery.MessageIds;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Where each accepted contact of a local engine stands, read from its DynamoDB as an operator would: not taken in yet
 * (so still on the contacts queue), enrolled with its step not rendered, rendered but not claimed by the fleet (on an
 * outbound queue), claimed by the fleet and being sent, deferred by the fleet (its message in flight on the outbound
 * queue, hidden until its retry), or sent. With the queues' depths.
 */
final class ContactStages {

    enum Stage {
        ON_THE_CONTACTS_QUEUE, ENROLLED_STEP_NOT_RENDERED, ON_AN_OUTBOUND_QUEUE, BEING_SENT, WAITING_FOR_ITS_RETRY, SENT, OTHER
    }

    /** The one campaign of the local configuration: a welcome step, due at once. */
    private static final String CAMPAIGN = "welcome";

    private final Map<String, Stage> byEmail;

    private ContactStages(Map<String, Stage> byEmail) {
        this.byEmail = byEmail;
    }

    static ContactStages read(DynamoDbClient dynamo, ResourceNames names, MessageIds messageIds, Collection<String> accepted) {
        Map<String, Map<String, AttributeValue>> contacts = new HashMap<>();
        scan(dynamo, names.table(SystemTopology.CONTACTS_TABLE)).forEach(item -> contacts.put(item.get("email").s(), item));
        Map<String, Map<String, AttributeValue>> enrollments = new HashMap<>();
        scan(dynamo, names.table(SystemTopology.ENROLLMENTS_TABLE))
                .forEach(item -> enrollments.put(item.get("tenant").s() + "/" + item.get("contact_id").s(), item));
        Map<String, String> ledger = new HashMap<>();
        scan(dynamo, names.table(SystemTopology.MESSAGES_TABLE))
                .forEach(item -> ledger.put(item.get("message_id").s(), item.get("state").s()));
        Map<String, Stage> byEmail = new HashMap<>();
        for (String email : accepted) {
            byEmail.put(email, stage(contacts.get(email), enrollments, ledger, messageIds));
        }
        return new ContactStages(byEmail);
    }

    private static Stage stage(Map<String, AttributeValue> contact, Map<String, Map<String, AttributeValue>> enrollments,
            Map<String, String> ledger, MessageIds messageIds) {
        if (contact == null) {
            return Stage.ON_THE_CONTACTS_QUEUE;
        }
        String status = contact.get("status").s();
        if (status.equals("sent")) {
            return Stage.SENT;
        }
        String tenant = contact.get("tenant").s();
        String id = contact.get("contact_id").s();
        Map<String, AttributeValue> enrollment = enrollments.get(tenant + "/" + id);
        if (!status.equals("enrolled") || enrollment == null) {
            return Stage.OTHER;
        }
        if (enrollment.containsKey("due_at")) {
            return Stage.ENROLLED_STEP_NOT_RENDERED;
        }
        String claim = ledger.get(messageIds.forStep(tenant, CAMPAIGN, id, 0));
        if (claim == null) {
            return Stage.ON_AN_OUTBOUND_QUEUE;
        }
        return claim.equals("deferred") ? Stage.WAITING_FOR_ITS_RETRY : Stage.BEING_SENT;
    }

    Map<Stage, Integer> counts() {
        Map<Stage, Integer> counts = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            counts.put(stage, 0);
        }
        byEmail.values().forEach(stage -> counts.merge(stage, 1, Integer::sum));
        return counts;
    }

    int count(Stage stage) {
        return counts().get(stage);
    }

    List<String> emailsAt(Stage stage) {
        return byEmail.entrySet().stream().filter(e -> e.getValue() == stage).map(Map.Entry::getKey).sorted().toList();
    }

    @Override
    public String toString() {
        return counts().toString();
    }

    /** {@code queue: visible/in flight} for each queue of the topology. */
    static String queueDepths(SqsClient sqs, SystemTopology topology, ResourceNames names) {
        StringJoiner depths = new StringJoiner(", ");
        topology.queues().forEach(queue -> {
            String url = sqs.getQueueUrl(r -> r.queueName(names.queue(queue.name()))).queueUrl();
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            depths.add(queue.name() + ": " + attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) + " visible/"
                    + attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE) + " in flight");
        });
        return depths.toString();
    }

    private static List<Map<String, AttributeValue>> scan(DynamoDbClient dynamo, String table) {
        return dynamo.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().stream().toList();
    }
}
