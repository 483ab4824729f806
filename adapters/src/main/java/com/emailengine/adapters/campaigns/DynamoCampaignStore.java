package com.emailengine.adapters.campaigns;

import com.emailengine.adapters.dynamodb.TenantItems;
import com.emailengine.core.campaign.catalog.CampaignRecord;
import com.emailengine.core.campaign.catalog.CampaignStore;
import com.emailengine.core.campaign.catalog.CampaignVersion;
import com.emailengine.core.campaign.definition.CampaignDefinitionJson;
import com.emailengine.core.campaign.definition.CampaignDefinitionReader;
import com.emailengine.core.campaign.definition.CampaignKind;
import com.emailengine.core.campaign.definition.CampaignStatus;
import com.emailengine.core.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Campaigns in DynamoDB (partition key {@code tenant}, sort key {@code item}): one record item
 * {@code campaign#<id>} and one item per version {@code version#<id>#<000001>} holding the definition as the API's
 * JSON (a definition is a few KB; DynamoDB's item limit is 400 KB, and the reader caps steps, variants and rules far
 * below it).
 *
 * <p>Writing a version: the version item first (conditional: the number must be free), then the record (conditional
 * on the previous latest version). A writer that dies between the two leaves a version the record does not point at
 * yet; the next writer finds the number taken, moves the record up to it and is told to retry, so nothing is lost and
 * no version is rewritten. A status change is one conditional update of the record. Thread-safe.
 */
public final class DynamoCampaignStore implements CampaignStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCampaignStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<CampaignRecord> record(String tenantId, String campaignId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(tenantId, recordItem(campaignId)))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(record(item));
    }

    @Override
    public List<CampaignRecord> records(String tenantId) {
        return TenantItems.withPrefix(dynamo, table, tenantId, "campaign#").map(DynamoCampaignStore::record).toList();
    }

    @Override
    public Optional<CampaignVersion> version(String tenantId, String campaignId, int version) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(key(tenantId, versionItem(campaignId, version)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CampaignVersion(tenantId, version,
                    CampaignDefinitionReader.read(Json.MAPPER.readTree(item.get("definition").s()), campaignId),
                    Instant.parse(item.get("created_at").s())));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("campaign " + tenantId + "/" + campaignId + " version " + version + " is not JSON", e);
        }
    }

    @Override
    public boolean append(CampaignVersion version, String origin, Instant at) {
        String tenant = version.tenantId();
        String id = version.campaignId();
        Map<String, AttributeValue> item = new HashMap<>(key(tenant, versionItem(id, version.version())));
        item.put("campaign", s(id));
        item.put("version", n(version.version()));
        item.put("definition", s(json(version)));
        item.put("created_at", s(version.createdAt().toString()));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(#item)")
                    .expressionAttributeNames(Map.of("#item", "item")));
        } catch (ConditionalCheckFailedException taken) {
            if (version.version() > 1) {
                // Catch the record up with a version whose writer stopped short; this writer's own version is lost
                // to the race and it is told so.
                version(tenant, id, version.version()).ifPresent(found -> advance(found, at));
            }
            return false;
        }
        if (version.version() == 1) {
            Map<String, AttributeValue> record = new HashMap<>(key(tenant, recordItem(id)));
            record.put("campaign", s(id));
            record.put("name", s(version.definition().name()));
            record.put("kind", s(version.definition().kind().wireName()));
            record.put("status", s(CampaignStatus.DRAFT.wireName()));
            record.put("latest_version", n(1));
            record.put("origin", s(origin));
            record.put("created_at", s(at.toString()));
            record.put("updated_at", s(at.toString()));
            record.put("status_reason", s("created"));
            try {
                dynamo.putItem(r -> r.tableName(table).item(record).conditionExpression("attribute_not_exists(#item)")
                        .expressionAttributeNames(Map.of("#item", "item")));
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        }
        return advance(version, at);
    }

    private boolean advance(CampaignVersion version, Instant at) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(version.tenantId(), recordItem(version.campaignId())))
                    .conditionExpression("latest_version = :previous")
                    .updateExpression("SET latest_version = :latest, updated_at = :at, #name = :name, kind = :kind")
                    .expressionAttributeNames(Map.of("#name", "name"))
                    .expressionAttributeValues(Map.of(":previous", n(version.version() - 1), ":latest", n(version.version()),
                            ":at", s(at.toString()), ":name", s(version.definition().name()),
                            ":kind", s(version.definition().kind().wireName()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean changeStatus(String tenantId, String campaignId, CampaignStatus from, int expectedLatest, CampaignStatus to,
                                OptionalInt activeVersion, String reason, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":from", s(from.wireName()));
        values.put(":latest", n(expectedLatest));
        values.put(":to", s(to.wireName()));
        values.put(":reason", s(reason));
        values.put(":at", s(at.toString()));
        StringBuilder update = new StringBuilder("SET #status = :to, status_reason = :reason, updated_at = :at");
        if (activeVersion.isPresent()) {
            values.put(":active", n(activeVersion.getAsInt()));
            update.append(", active_version = :active");
        }
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(tenantId, recordItem(campaignId)))
                    .conditionExpression("#status = :from AND latest_version = :latest")
                    .updateExpression(update.toString())
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static String json(CampaignVersion version) {
        try {
            return Json.MAPPER.writeValueAsString(CampaignDefinitionJson.of(version.definition()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CampaignRecord record(Map<String, AttributeValue> item) {
        return new CampaignRecord(item.get("tenant").s(), item.get("campaign").s(), item.get("name").s(),
                CampaignKind.parse(item.get("kind").s()).orElseThrow(),
                CampaignStatus.parse(item.get("status").s()).orElseThrow(),
                Integer.parseInt(item.get("latest_version").n()),
                item.containsKey("active_version") ? OptionalInt.of(Integer.parseInt(item.get("active_version").n()))
                        : OptionalInt.empty(),
                item.get("origin").s(), Instant.parse(item.get("created_at").s()), Instant.parse(item.get("updated_at").s()),
                item.containsKey("status_reason") ? item.get("status_reason").s() : "");
    }

    static String recordItem(String id) {
        return "campaign#" + id;
    }

    static String versionItem(String id, int version) {
        return String.format("version#%s#%06d", id, version);
    }

    private static Map<String, AttributeValue> key(String tenantId, String item) {
        return Map.of("tenant", s(tenantId), "item", s(item));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
