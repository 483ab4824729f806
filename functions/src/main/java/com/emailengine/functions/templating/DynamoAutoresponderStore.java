package com.emailengine.functions.templating;

import com.emailengine.core.json.Json;
import com.emailengine.core.mailwizz.AutoresponderStore;
import com.emailengine.core.mailwizz.ImportedAutoresponder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Imported autoresponder definitions in the templates table, item {@code autoresponder#<id>} per tenant, the
 * definition as a JSON attribute (small, read as a whole). A re-import replaces the definition of the same id.
 * Thread-safe.
 */
public final class DynamoAutoresponderStore implements AutoresponderStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAutoresponderStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void put(ImportedAutoresponder autoresponder) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(DynamoTemplateStore.key(autoresponder.tenantId(),
                "autoresponder#" + autoresponder.id()));
        item.put("name", AttributeValue.fromS(autoresponder.name()));
        item.put("definition", AttributeValue.fromS(Json.write(autoresponder)));
        item.put("imported_at", AttributeValue.fromS(autoresponder.importedAt().toString()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public List<ImportedAutoresponder> all(String tenantId) {
        List<ImportedAutoresponder> all = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = dynamo.query(r -> r.tableName(table)
                    .keyConditionExpression("tenant = :t AND begins_with(#item, :prefix)")
                    .expressionAttributeNames(Map.of("#item", "item"))
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenantId), ":prefix", AttributeValue.fromS("autoresponder#")))
                    .exclusiveStartKey(exclusiveStart));
            page.items().forEach(item -> all.add(Json.read(item.get("definition").s(), ImportedAutoresponder.class)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return all;
    }
}
