package com.emailengine.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.platform.topology.SystemTopology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class TablesTest {

    private final ProdStack prod = ProdStack.get();

    @Test
    void everyTableIsOnDemandWithPointInTimeRecoveryAndEncryption() {
        prod.template.resourceCountIs("AWS::DynamoDB::Table", prod.topology.tables().size());
        prod.template.allResourcesProperties("AWS::DynamoDB::Table", Map.of(
                "BillingMode", "PAY_PER_REQUEST",
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "SSESpecification", Map.of("SSEEnabled", true)));
    }

    @Test
    void tablesOutliveTheStack() {
        prod.template.allResources("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
    }

    @Test
    void messagesExpireOnTheirTtlAttributeAndOtherTablesDoNot() {
        prod.template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "TableName", prod.names.table(SystemTopology.MESSAGES_TABLE),
                "TimeToLiveSpecification", Map.of("AttributeName", "expires_at", "Enabled", true)));
        prod.template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "TableName", prod.names.table(SystemTopology.CONTACTS_TABLE),
                "TimeToLiveSpecification", Match.absent()));
    }

    @Test
    void enrollmentsCarryTheDueIndexProjectingEverything() {
        prod.template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "TableName", prod.names.table(SystemTopology.ENROLLMENTS_TABLE),
                "GlobalSecondaryIndexes", List.of(Map.of(
                        "IndexName", SystemTopology.ENROLLMENTS_DUE_INDEX,
                        "KeySchema", List.of(Map.of("AttributeName", "due_tenant", "KeyType", "HASH"),
                                Map.of("AttributeName", "due_at", "KeyType", "RANGE")),
                        "Projection", Map.of("ProjectionType", "ALL")))));
        assertThat(prod.propertiesOf("AWS::DynamoDB::Table"))
                .filteredOn(table -> table.containsKey("GlobalSecondaryIndexes")).hasSize(1);
    }
}
