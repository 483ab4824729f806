package com.emailengine.adapters.templates;

import com.emailengine.adapters.dynamodb.TenantItems;
import com.emailengine.core.json.Json;
import com.emailengine.core.mailwizz.AutoresponderStore;
import com.emailengine.core.mailwizz.ImportedAutoresponder;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
        return TenantItems.withPrefix(dynamo, table, tenantId, "autoresponder#")
                .map(item -> Json.read(item.get("definition").s(), ImportedAutoresponder.class)).toList();
    }
}
