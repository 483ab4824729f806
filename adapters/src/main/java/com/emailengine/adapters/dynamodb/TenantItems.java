package com.emailengine.adapters.dynamodb;

import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items of one tenant whose sort key {@code item} starts with a prefix ({@code template#}, {@code autoresponder#}),
 * every page of them: tables that keep several kinds of item per tenant partition read them this way.
 */
public final class TenantItems {

    private TenantItems() {
    }

    public static Stream<Map<String, AttributeValue>> withPrefix(DynamoDbClient dynamo, String table, String tenantId, String prefix) {
        return dynamo.queryPaginator(r -> r.tableName(table)
                        .keyConditionExpression("tenant = :t AND begins_with(#item, :prefix)")
                        .expressionAttributeNames(Map.of("#item", "item"))
                        .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenantId), ":prefix", AttributeValue.fromS(prefix))))
                .items().stream();
    }
}
