package com.emailengine.adapters.dynamodb;

import static com.emailengine.adapters.dynamodb.Attributes.instant;
import static com.emailengine.adapters.dynamodb.Attributes.s;

import com.emailengine.core.contact.EmailHash;
import com.emailengine.core.suppression.Suppression;
import com.emailengine.core.suppression.SuppressionList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Suppression lists in DynamoDB: partition key {@code scope} (a tenant id, or {@value SuppressionList#GLOBAL}), sort
 * key {@code email_hash}. A lookup reads the tenant's and the global entry of every address in one batched read.
 */
public final class DynamoSuppressionList implements SuppressionList {

    private final DynamoDbClient dynamo;
    private final String table;
    private final BatchReads reads;

    public DynamoSuppressionList(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.reads = new BatchReads(dynamo);
    }

    @Override
    public Set<EmailHash> suppressed(String tenantId, Collection<EmailHash> ids) {
        Set<String> scopes = new LinkedHashSet<>(List.of(tenantId, GLOBAL));
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (EmailHash id : new LinkedHashSet<>(ids)) {
            for (String scope : scopes) {
                keys.add(Map.of("scope", s(scope), "email_hash", s(id.hex())));
            }
        }
        Set<EmailHash> found = new HashSet<>();
        for (Map<String, AttributeValue> item : reads.get(table, keys, "email_hash", Map.of())) {
            found.add(new EmailHash(item.get("email_hash").s()));
        }
        return found;
    }

    @Override
    public void add(Suppression suppression) {
        try {
            dynamo.putItem(r -> r.tableName(table).conditionExpression("attribute_not_exists(email_hash)")
                    .item(Map.of("scope", s(suppression.scope()), "email_hash", s(suppression.id().hex()),
                            "reason", s(suppression.reason()), "origin", s(suppression.origin()),
                            "added_at", instant(suppression.at()))));
        } catch (ConditionalCheckFailedException e) {
            // already suppressed: the first entry stays
        }
    }
}
