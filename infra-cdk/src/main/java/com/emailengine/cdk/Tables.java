package com.emailengine.cdk;

import com.emailengine.platform.topology.IndexDefinition;
import com.emailengine.platform.topology.KeyAttribute;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import com.emailengine.platform.topology.TableDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.constructs.Construct;

/**
 * Every table of the topology: on demand (traffic is bursty and small between campaigns), point-in-time
 * recovery on, encrypted with the AWS-managed key (visible in the template, nothing to rotate), TTL where
 * the definition names an attribute. Tables outlive the stack: deleting it never deletes contacts.
 */
public final class Tables extends Construct {

    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Map<String, TableDefinition> definitions = new LinkedHashMap<>();

    public Tables(Construct scope, String id, SystemTopology topology, ResourceNames names) {
        super(scope, id);
        for (TableDefinition definition : topology.tables()) {
            Table.Builder builder = Table.Builder.create(this, definition.name())
                    .tableName(names.table(definition.name()))
                    .partitionKey(attribute(definition.partitionKey()))
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                            .pointInTimeRecoveryEnabled(true).build())
                    .encryption(TableEncryption.AWS_MANAGED)
                    .removalPolicy(RemovalPolicy.RETAIN);
            definition.sortKey().ifPresent(sort -> builder.sortKey(attribute(sort)));
            definition.ttlAttribute().ifPresent(builder::timeToLiveAttribute);
            Table table = builder.build();
            for (IndexDefinition index : definition.indexes()) {
                table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                        .indexName(index.name())
                        .partitionKey(attribute(index.partitionKey()))
                        .sortKey(attribute(index.sortKey()))
                        .projectionType(ProjectionType.ALL)
                        .build());
            }
            tables.put(definition.name(), table);
            definitions.put(definition.name(), definition);
        }
    }

    public Table table(String logicalName) {
        Table table = tables.get(logicalName);
        if (table == null) {
            throw new IllegalArgumentException("the topology has no table " + logicalName);
        }
        return table;
    }

    /** The ARNs a query on this table's indexes needs: one per index, never {@code index/*}. */
    public java.util.List<String> indexArns(String logicalName) {
        Table table = table(logicalName);
        return definitions.get(logicalName).indexes().stream()
                .map(index -> table.getTableArn() + "/index/" + index.name()).toList();
    }

    private static Attribute attribute(KeyAttribute key) {
        return Attribute.builder().name(key.name())
                .type(key.kind() == KeyAttribute.Kind.S ? AttributeType.STRING : AttributeType.NUMBER).build();
    }
}
