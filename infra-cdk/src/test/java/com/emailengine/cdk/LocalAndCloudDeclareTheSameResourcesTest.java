package com.emailengine.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.platform.topology.IndexDefinition;
import com.emailengine.platform.topology.QueueDefinition;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import com.emailengine.platform.topology.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * THE drift test. The local cloud provisions from {@link SystemTopology} (ResourceProvisioner creates
 * {@code names.queue(q)} and {@code names.queue(q.deadLetterName())} with q's redrive, every table with its
 * keys, indexes and TTL, every bucket; LocalCloud wires routes, triggers and schedules from the same
 * lists). Here each side is written down in the same plain shape, the cloud side read only from the
 * synthesized template, and the two must be equal: a resource added, renamed or rewired on one side only
 * fails this test.
 */
class LocalAndCloudDeclareTheSameResourcesTest {

    private final ProdStack prod = ProdStack.get();
    private final ResourceNames names = prod.names;
    private final SystemTopology local = SystemTopology.forTenants(List.of("sos-expat", "ulixai"));

    @Test
    void theTopologyUnderTestIsTheOneTheLocalCloudBuildsForTheseTenants() {
        assertThat(prod.topology).isEqualTo(local);
    }

    @Test
    void sameQueuesWithTheSameRedriveVisibilityAndRetention() {
        Map<String, String> expected = new TreeMap<>();
        for (QueueDefinition queue : local.queues()) {
            expected.put(names.queue(queue.name()), "visibility=" + queue.visibilityTimeout().toSeconds()
                    + " retention=" + queue.retention().toSeconds()
                    + " dlq=" + names.queue(queue.deadLetterName()) + " maxReceive=" + queue.maxReceiveCount());
            expected.put(names.queue(queue.deadLetterName()), "visibility=30 retention="
                    + QueueDefinition.DEAD_LETTER_RETENTION.toSeconds() + " dlq=none maxReceive=none");
        }
        Map<String, String> cloud = new TreeMap<>();
        prod.resources("AWS::SQS::Queue").values().forEach(resource -> {
            Map<String, Object> queue = TemplateJson.properties(resource);
            Map<?, ?> redrive = (Map<?, ?>) queue.get("RedrivePolicy");
            String dlq = redrive == null ? "none" : queueNameOf(only(TemplateJson.referencedIds(redrive.get("deadLetterTargetArn"))));
            cloud.put((String) queue.get("QueueName"), "visibility=" + queue.getOrDefault("VisibilityTimeout", 30)
                    + " retention=" + queue.get("MessageRetentionPeriod")
                    + " dlq=" + dlq + " maxReceive=" + (redrive == null ? "none" : redrive.get("maxReceiveCount")));
        });
        assertThat(cloud).isEqualTo(expected);
    }

    @Test
    void sameTablesWithTheSameKeysIndexesAndTtl() {
        Map<String, String> expected = new TreeMap<>();
        for (TableDefinition table : local.tables()) {
            StringBuilder shape = new StringBuilder("key=").append(table.partitionKey().name()).append(':').append(table.partitionKey().kind());
            table.sortKey().ifPresent(sort -> shape.append(',').append(sort.name()).append(':').append(sort.kind()));
            for (IndexDefinition index : table.indexes()) {
                shape.append(" index ").append(index.name()).append('=').append(index.partitionKey().name()).append(':')
                        .append(index.partitionKey().kind()).append(',').append(index.sortKey().name()).append(':').append(index.sortKey().kind());
            }
            shape.append(" ttl=").append(table.ttlAttribute().orElse("none"));
            expected.put(names.table(table.name()), shape.toString());
        }
        Map<String, String> cloud = new TreeMap<>();
        prod.resources("AWS::DynamoDB::Table").values().forEach(resource -> {
            Map<String, Object> table = TemplateJson.properties(resource);
            Map<String, String> types = new TreeMap<>();
            for (Object definition : (List<?>) table.get("AttributeDefinitions")) {
                Map<?, ?> attribute = (Map<?, ?>) definition;
                types.put((String) attribute.get("AttributeName"), (String) attribute.get("AttributeType"));
            }
            StringBuilder shape = new StringBuilder("key=").append(keys(table.get("KeySchema"), types));
            for (Object index : (List<?>) table.getOrDefault("GlobalSecondaryIndexes", List.of())) {
                Map<?, ?> gsi = (Map<?, ?>) index;
                shape.append(" index ").append(gsi.get("IndexName")).append('=').append(keys(gsi.get("KeySchema"), types));
            }
            Map<?, ?> ttl = (Map<?, ?>) table.get("TimeToLiveSpecification");
            shape.append(" ttl=").append(ttl == null ? "none" : ttl.get("AttributeName"));
            cloud.put((String) table.get("TableName"), shape.toString());
        });
        assertThat(cloud).isEqualTo(expected);
    }

    @Test
    void sameBucketsTheCloudNameAddingOnlyTheAccount() {
        List<String> expected = local.buckets().stream().map(bucket -> names.bucket(bucket.name())).sorted().toList();
        List<String> cloud = new ArrayList<>();
        prod.resources("AWS::S3::Bucket").values().forEach(resource -> {
            List<?> join = (List<?>) ((Map<?, ?>) TemplateJson.properties(resource).get("BucketName")).get("Fn::Join");
            List<?> parts = (List<?>) join.get(1);
            assertThat(parts.get(1)).isEqualTo(Map.of("Ref", "AWS::AccountId"));
            String prefix = (String) parts.get(0);
            cloud.add(prefix.substring(0, prefix.length() - 1));
        });
        assertThat(cloud).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void sameSchedulesWithTheSameExpressionsFiringTheSameFunctions() {
        Map<String, String> expected = new TreeMap<>();
        local.schedules().forEach(schedule -> expected.put(names.schedule(schedule.name()),
                schedule.expression() + " -> " + names.function(schedule.function())));
        Map<String, String> cloud = new TreeMap<>();
        prod.resources("AWS::Events::Rule").values().forEach(resource -> {
            Map<String, Object> rule = TemplateJson.properties(resource);
            Map<?, ?> target = (Map<?, ?>) ((List<?>) rule.get("Targets")).get(0);
            cloud.put((String) rule.get("Name"), rule.get("ScheduleExpression") + " -> "
                    + functionNameOfAlias(only(TemplateJson.referencedIds(target.get("Arn")))));
        });
        assertThat(cloud).isEqualTo(expected);
    }

    @Test
    void sameQueueTriggersAndRoutes() {
        Map<String, String> expected = new TreeMap<>();
        local.triggers().forEach(trigger -> expected.put("queue " + names.queue(trigger.queue()),
                names.function(trigger.function()) + " batch=" + trigger.batchSize()));
        local.routes().forEach(route -> expected.put("route " + route.routeKey(), names.function(route.function())));
        Map<String, String> cloud = new TreeMap<>();
        prod.resources("AWS::Lambda::EventSourceMapping").values().forEach(resource -> {
            Map<String, Object> mapping = TemplateJson.properties(resource);
            cloud.put("queue " + queueNameOf(only(TemplateJson.referencedIds(mapping.get("EventSourceArn")))),
                    functionNameOfAlias(only(TemplateJson.referencedIds(mapping.get("FunctionName")))) + " batch=" + mapping.get("BatchSize"));
        });
        prod.resources("AWS::ApiGatewayV2::Route").values().forEach(resource -> {
            Map<String, Object> route = TemplateJson.properties(resource);
            String integration = only(TemplateJson.referencedIds(route.get("Target")));
            Object uri = TemplateJson.properties(prod.resources("AWS::ApiGatewayV2::Integration").get(integration)).get("IntegrationUri");
            cloud.put("route " + route.get("RouteKey"), functionNameOfAlias(only(TemplateJson.referencedIds(uri))));
        });
        assertThat(cloud).isEqualTo(expected);
    }

    private String queueNameOf(String logicalId) {
        return (String) TemplateJson.properties(prod.resources("AWS::SQS::Queue").get(logicalId)).get("QueueName");
    }

    private String functionNameOfAlias(String aliasId) {
        Map<String, Object> alias = TemplateJson.properties(prod.resources("AWS::Lambda::Alias").get(aliasId));
        String function = only(TemplateJson.referencedIds(alias.get("FunctionName")));
        return (String) TemplateJson.properties(prod.resources("AWS::Lambda::Function").get(function)).get("FunctionName");
    }

    private static String keys(Object keySchema, Map<String, String> types) {
        List<String> parts = new ArrayList<>();
        for (Object element : (List<?>) keySchema) {
            String name = (String) ((Map<?, ?>) element).get("AttributeName");
            parts.add(name + ":" + types.get(name));
        }
        return String.join(",", parts);
    }

    private static String only(java.util.Set<String> ids) {
        assertThat(ids).hasSize(1);
        return ids.iterator().next();
    }
}
