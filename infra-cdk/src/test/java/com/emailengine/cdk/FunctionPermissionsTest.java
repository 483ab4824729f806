package com.emailengine.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.platform.topology.FunctionDefinition;
import com.emailengine.platform.topology.QueueTrigger;
import com.emailengine.platform.topology.ResourceUse;
import com.emailengine.platform.topology.SystemTopology;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FunctionPermissionsTest {

    private final ProdStack prod = ProdStack.get();

    @Test
    void noFunctionRoleHoldsAWildcardActionOrResource() {
        for (FunctionDefinition function : prod.topology.functions()) {
            List<Map<String, Object>> statements = statements(function.name());
            assertThat(statements).as(function.name()).isNotEmpty().allSatisfy(statement -> {
                assertThat(statement).containsEntry("Effect", "Allow");
                assertThat(TemplateJson.list(statement.get("Action"))).allSatisfy(action ->
                        assertThat((String) action).doesNotContain("*"));
                assertThat(TemplateJson.list(statement.get("Resource"))).allSatisfy(resource -> {
                    assertThat(resource).isNotEqualTo("*");
                    assertThat(TemplateJson.referencedIds(resource)).as("resource %s names a resource of the stack", resource).isNotEmpty();
                });
            });
        }
    }

    @Test
    void noFunctionRoleCarriesAManagedPolicy() {
        for (FunctionDefinition function : prod.topology.functions()) {
            String role = prod.roleOf(prod.functionLogicalId(function.name()));
            assertThat(TemplateJson.properties(prod.resources("AWS::IAM::Role").get(role))).doesNotContainKey("ManagedPolicyArns");
        }
    }

    @Test
    void eachRoleReachesExactlyTheResourcesItsDefinitionUsesPlusItsTriggerQueueAndLogGroup() {
        for (FunctionDefinition function : prod.topology.functions()) {
            Set<String> expected = new HashSet<>();
            expected.add(prod.logicalId("AWS::Logs::LogGroup", "LogGroupName", "/aws/lambda/" + prod.names.function(function.name())));
            for (ResourceUse use : function.uses()) {
                expected.add(switch (use.kind()) {
                    case QUEUE -> queueId(use.name());
                    case TABLE -> prod.logicalId("AWS::DynamoDB::Table", "TableName", prod.names.table(use.name()));
                    case BUCKET -> prod.bucketLogicalId(use.name());
                });
            }
            prod.topology.triggers().stream().filter(t -> t.function().equals(function.name()))
                    .map(QueueTrigger::queue).forEach(queue -> expected.add(queueId(queue)));
            if (function.name().equals(SystemTopology.INGEST_FUNCTION)) {
                expected.addAll(prod.resources("AWS::SecretsManager::Secret").keySet().stream()
                        .filter(secret -> secret.startsWith("sourcekeys")).toList());
            }
            if (function.name().equals(SystemTopology.DUE_STEPS_FUNCTION)) {
                expected.addAll(prod.resources("AWS::SecretsManager::Secret").keySet().stream()
                        .filter(secret -> secret.startsWith("messageidkey")).toList());
            }
            Set<String> granted = statements(function.name()).stream()
                    .flatMap(statement -> TemplateJson.referencedIds(statement.get("Resource")).stream())
                    .collect(Collectors.toSet());
            assertThat(granted).as(function.name()).isEqualTo(expected);
        }
    }

    @Test
    void theIngestFunctionMaySendContactsReadConfigContactsSuppressionsAndItsSourceKeysButWriteNoTable() {
        List<Map<String, Object>> statements = statements(SystemTopology.INGEST_FUNCTION);
        assertThat(actions(statements)).containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents",
                "sqs:SendMessage", "s3:GetObject", "s3:ListBucket",
                "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
                "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "secretsmanager:GetSecretValue");
    }

    @Test
    void everySourceHasASecretOfItsKeysThatOutlivesTheStackAndOnlyTheIngestFunctionReadsIt() {
        Map<String, Map<String, Object>> secrets = prod.resources("AWS::SecretsManager::Secret");
        List<Object> sourceSecretNames = secrets.values().stream().map(TemplateJson::properties).map(p -> p.get("Name"))
                .filter(name -> name.toString().startsWith("ee/prod/sources/")).toList();
        assertThat(sourceSecretNames).containsExactlyInAnyOrder("ee/prod/sources/maps-scraper", "ee/prod/sources/backlinks");
        secrets.entrySet().stream().filter(e -> e.getKey().startsWith("sourcekeys"))
                .forEach(e -> assertThat(e.getValue()).containsEntry("DeletionPolicy", "Retain"));
        List<String> sourceSecrets = secrets.keySet().stream().filter(id -> id.startsWith("sourcekeys")).toList();
        for (FunctionDefinition function : prod.topology.functions()) {
            boolean readsSourceSecrets = statements(function.name()).stream()
                    .filter(statement -> TemplateJson.list(statement.get("Action")).contains("secretsmanager:GetSecretValue"))
                    .anyMatch(statement -> TemplateJson.referencedIds(statement.get("Resource")).stream().anyMatch(sourceSecrets::contains));
            assertThat(readsSourceSecrets).as(function.name()).isEqualTo(function.name().equals(SystemTopology.INGEST_FUNCTION));
        }
    }

    @Test
    void theMessageIdKeyIsASecretThatOutlivesTheStackAndOnlyTheDueStepsFunctionReadsIt() {
        Map<String, Map<String, Object>> secrets = prod.resources("AWS::SecretsManager::Secret");
        List<Map.Entry<String, Map<String, Object>>> keys = secrets.entrySet().stream()
                .filter(e -> "ee/prod/message-id-key".equals(TemplateJson.properties(e.getValue()).get("Name"))).toList();
        assertThat(keys).singleElement().satisfies(e -> assertThat(e.getValue()).containsEntry("DeletionPolicy", "Retain"));
        for (FunctionDefinition function : prod.topology.functions()) {
            boolean readsIt = statements(function.name()).stream()
                    .filter(statement -> TemplateJson.list(statement.get("Action")).contains("secretsmanager:GetSecretValue"))
                    .anyMatch(statement -> TemplateJson.referencedIds(statement.get("Resource")).contains(keys.getFirst().getKey()));
            assertThat(readsIt).as(function.name()).isEqualTo(function.name().equals(SystemTopology.DUE_STEPS_FUNCTION));
        }
    }

    @Test
    void theDeliveryEventsFunctionUpdatesContactsWithoutReadingThem() {
        String contacts = prod.logicalId("AWS::DynamoDB::Table", "TableName", prod.names.table(SystemTopology.CONTACTS_TABLE));
        Set<Object> onContacts = statements(SystemTopology.EVENTS_FUNCTION).stream()
                .filter(statement -> TemplateJson.referencedIds(statement.get("Resource")).contains(contacts))
                .flatMap(statement -> TemplateJson.list(statement.get("Action")).stream()).collect(Collectors.toSet());
        assertThat(onContacts).containsExactlyInAnyOrder("dynamodb:PutItem", "dynamodb:UpdateItem");
    }

    @Test
    void theDueStepsFunctionMayQueryTheDueIndexByItsOwnArn() {
        String enrollments = prod.logicalId("AWS::DynamoDB::Table", "TableName", prod.names.table(SystemTopology.ENROLLMENTS_TABLE));
        Map<String, Object> dueIndex = Map.of("Fn::Join", List.of("", List.of(Map.of("Fn::GetAtt", List.of(enrollments, "Arn")),
                "/index/" + SystemTopology.ENROLLMENTS_DUE_INDEX)));
        assertThat(statements(SystemTopology.DUE_STEPS_FUNCTION)).anySatisfy(statement -> {
            assertThat(TemplateJson.list(statement.get("Action"))).containsExactlyInAnyOrder("dynamodb:GetItem",
                    "dynamodb:BatchGetItem", "dynamodb:Query");
            assertThat(TemplateJson.list(statement.get("Resource"))).contains(dueIndex);
        });
    }

    @Test
    void consumersMayReceiveAndDeleteOnlyFromTheirOwnQueue() {
        for (QueueTrigger trigger : prod.topology.triggers()) {
            String queue = queueId(trigger.queue());
            List<Map<String, Object>> consuming = statements(trigger.function()).stream()
                    .filter(statement -> TemplateJson.list(statement.get("Action")).contains("sqs:ReceiveMessage")).toList();
            assertThat(consuming).singleElement().satisfies(statement ->
                    assertThat(TemplateJson.referencedIds(statement.get("Resource"))).containsExactly(queue));
        }
    }

    @Test
    void theConfigUploaderWritesOnlyToTheConfigBucket() {
        String uploaderRole = prod.resources("AWS::IAM::Role").keySet().stream()
                .filter(id -> id.startsWith("CustomCDKBucketDeployment")).findFirst().orElseThrow();
        Set<String> written = prod.statementsOfRole(uploaderRole).stream()
                .filter(statement -> TemplateJson.list(statement.get("Action")).contains("s3:PutObject"))
                .flatMap(statement -> TemplateJson.referencedIds(statement.get("Resource")).stream()).collect(Collectors.toSet());
        assertThat(written).containsExactly(prod.bucketLogicalId(SystemTopology.CONFIG_BUCKET));
    }

    private String queueId(String logicalName) {
        return prod.logicalId("AWS::SQS::Queue", "QueueName", prod.names.queue(logicalName));
    }

    private List<Map<String, Object>> statements(String function) {
        return prod.statementsOfRole(prod.roleOf(prod.functionLogicalId(function)));
    }

    private static List<Object> actions(List<Map<String, Object>> statements) {
        return statements.stream().flatMap(statement -> TemplateJson.list(statement.get("Action")).stream()).toList();
    }
}
