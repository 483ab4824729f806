package com.emailengine.adapters.templates;

import com.emailengine.adapters.dynamodb.TenantItems;
import com.emailengine.core.templating.LanguageTag;
import com.emailengine.core.templating.TemplateContent;
import com.emailengine.core.templating.TemplateRecord;
import com.emailengine.core.templating.TemplateRef;
import com.emailengine.core.templating.TemplateStore;
import com.emailengine.core.templating.TemplateVersion;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Template metadata in DynamoDB (partition key {@code tenant}, sort key {@code item}), bodies in S3
 * ({@link S3TemplateContents}). Per template one record item {@code template#<key>} and one item per version
 * {@code version#<key>#<000001>}.
 *
 * <p>Writing a version: the body first (content-addressed, harmless if left alone), then the version item
 * (conditional: the number must be free), then the record (conditional on the previous latest version). A writer
 * that dies between the last two leaves a version the record does not point at yet; the next writer finds its number
 * taken, moves the record up to it (the same conditional step) and takes the next number, so nothing is lost and no
 * version is ever rewritten. Thread-safe.
 */
public final class DynamoTemplateStore implements TemplateStore {

    private final DynamoDbClient dynamo;
    private final String table;
    private final S3TemplateContents contents;

    public DynamoTemplateStore(DynamoDbClient dynamo, String table, S3TemplateContents contents) {
        this.dynamo = dynamo;
        this.table = table;
        this.contents = contents;
    }

    @Override
    public Optional<TemplateRecord> record(String tenantId, String key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(tenantId, recordItem(key)))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(record(item));
    }

    @Override
    public List<TemplateRecord> records(String tenantId) {
        return TenantItems.withPrefix(dynamo, table, tenantId, "template#").map(DynamoTemplateStore::record).toList();
    }

    @Override
    public Optional<TemplateVersion> version(TemplateRef ref) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(key(ref.tenantId(), versionItem(ref.key(), ref.version())))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        TemplateContent content = contents.get(item.get("body_key").s(), item.get("body_sha256").s());
        List<String> notes = item.containsKey("notes") ? item.get("notes").l().stream().map(AttributeValue::s).toList() : List.of();
        return Optional.of(new TemplateVersion(ref, content, Instant.parse(item.get("created_at").s()), item.get("origin").s(), notes));
    }

    @Override
    public boolean append(TemplateVersion version, String name, Instant at) {
        TemplateRef ref = version.ref();
        S3TemplateContents.Stored body = contents.put(ref.tenantId(), ref.key(), version.content());
        Map<String, AttributeValue> item = new HashMap<>(key(ref.tenantId(), versionItem(ref.key(), ref.version())));
        item.put("key", s(ref.key()));
        item.put("version", n(ref.version()));
        item.put("body_key", s(body.objectKey()));
        item.put("body_sha256", s(body.sha256()));
        item.put("body_bytes", n(body.bytes()));
        item.put("created_at", s(version.createdAt().toString()));
        item.put("origin", s(version.origin()));
        item.put("languages", languages(version.content()));
        if (!version.notes().isEmpty()) {
            item.put("notes", AttributeValue.fromL(version.notes().stream().map(AttributeValue::fromS).toList()));
        }
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(#item)")
                    .expressionAttributeNames(Map.of("#item", "item")));
        } catch (ConditionalCheckFailedException taken) {
            if (ref.version() > 1) {
                advance(ref, version.content(), at); // catch the record up with a version whose writer stopped short
            }
            return false;
        }
        if (ref.version() == 1) {
            Map<String, AttributeValue> record = new HashMap<>(key(ref.tenantId(), recordItem(ref.key())));
            record.put("key", s(ref.key()));
            record.put("name", s(name));
            record.put("latest_version", n(1));
            record.put("languages", languages(version.content()));
            record.put("origin", s(version.origin()));
            record.put("created_at", s(at.toString()));
            record.put("updated_at", s(at.toString()));
            try {
                dynamo.putItem(r -> r.tableName(table).item(record).conditionExpression("attribute_not_exists(#item)")
                        .expressionAttributeNames(Map.of("#item", "item")));
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
            return true;
        }
        return advance(ref, version.content(), at);
    }

    private boolean advance(TemplateRef ref, TemplateContent content, Instant at) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(ref.tenantId(), recordItem(ref.key())))
                    .conditionExpression("latest_version = :previous")
                    .updateExpression("SET latest_version = :latest, updated_at = :at, languages = :languages")
                    .expressionAttributeValues(Map.of(":previous", n(ref.version() - 1), ":latest", n(ref.version()),
                            ":at", s(at.toString()), ":languages", languages(content))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean markDeleted(String tenantId, String key, Instant at) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(tenantId, recordItem(key)))
                    .conditionExpression("attribute_exists(#item)")
                    .updateExpression("SET deleted_at = :at, updated_at = :at")
                    .expressionAttributeNames(Map.of("#item", "item"))
                    .expressionAttributeValues(Map.of(":at", s(at.toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static TemplateRecord record(Map<String, AttributeValue> item) {
        String tenant = item.get("tenant").s();
        List<LanguageTag> languages = item.containsKey("languages")
                ? item.get("languages").l().stream().map(v -> LanguageTag.of(v.s())).toList() : List.of();
        return new TemplateRecord(tenant, item.get("key").s(), item.get("name").s(),
                Integer.parseInt(item.get("latest_version").n()), languages, item.get("origin").s(),
                Instant.parse(item.get("created_at").s()), Instant.parse(item.get("updated_at").s()),
                Optional.ofNullable(item.get("deleted_at")).map(v -> Instant.parse(v.s())));
    }

    private static AttributeValue languages(TemplateContent content) {
        return AttributeValue.fromL(content.languages().stream().map(l -> AttributeValue.fromS(l.value())).toList());
    }

    static String recordItem(String key) {
        return "template#" + key;
    }

    static String versionItem(String key, int version) {
        return String.format("version#%s#%06d", key, version);
    }

    static Map<String, AttributeValue> key(String tenantId, String item) {
        return Map.of("tenant", s(tenantId), "item", s(item));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
