package com.emailengine.adapters.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.campaign.catalog.CampaignRecord;
import com.emailengine.core.campaign.catalog.CampaignVersion;
import com.emailengine.core.campaign.definition.CampaignDefinition;
import com.emailengine.core.campaign.definition.CampaignDefinitionReader;
import com.emailengine.core.campaign.definition.CampaignKind;
import com.emailengine.core.campaign.definition.CampaignStatus;
import com.emailengine.core.json.Json;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.fixtures.EmulatedStage;
import com.emailengine.emulators.fixtures.SharedEmulators;
import com.emailengine.platform.topology.SystemTopology;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link DynamoCampaignStore} against the local DynamoDB: versions that read back equal, numbers taken once,
 * conditional status changes, and a writer that stopped between its version and its record.
 */
@ExtendWith(SharedEmulators.class)
class DynamoCampaignStoreTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static EmulatedStage stage;
    private static DynamoCampaignStore store;

    @BeforeAll
    static void provision(LocalEmulators emulators) {
        stage = EmulatedStage.provision(emulators, "campaigns");
        store = new DynamoCampaignStore(stage.dynamoDb(), stage.table(SystemTopology.CAMPAIGNS_TABLE));
    }

    @AfterAll
    static void close() {
        stage.close();
    }

    @Test
    void aVersionReadsBackEqualAndItsRecordIsADraft() {
        CampaignDefinition definition = definition("round-trip", """
                "audience": {"rules": [{"field": "country", "operator": "in", "values": ["FR", "BE"]}]},
                "window": {"days": "mon-fri", "hours": "09:00-17:00"},
                "steps": [{"template": "welcome", "version": 2, "delay": "0s"},
                          {"template": "offer", "delay": "3d", "condition": {"if": "not_opened", "step": 1, "within": "2d"},
                           "variants": [{"id": "a", "percent": 70, "subject": "A"}, {"id": "b", "percent": 30, "subject": "B"}],
                           "winner": {"metric": "open_rate", "wait": "6h"}}]""");

        assertThat(store.append(new CampaignVersion("t1", 1, definition, NOW), "api", NOW)).isTrue();

        assertThat(store.version("t1", "round-trip", 1).orElseThrow().definition()).isEqualTo(definition);
        CampaignRecord record = store.record("t1", "round-trip").orElseThrow();
        assertThat(record.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(record.kind()).isEqualTo(CampaignKind.SEQUENCE);
        assertThat(record.activeVersion()).isEmpty();
        assertThat(record.origin()).isEqualTo("api");
        assertThat(store.records("t1")).extracting(CampaignRecord::id).containsExactly("round-trip");
    }

    @Test
    void aVersionNumberIsTakenOnceAndFollowsTheLatest() {
        CampaignDefinition one = definition("numbers", "\"steps\": [{\"template\": \"w\"}]");
        CampaignDefinition two = definition("numbers", "\"steps\": [{\"template\": \"w\", \"delay\": \"1d\"}]");
        store.append(new CampaignVersion("t2", 1, one, NOW), "api", NOW);

        assertThat(store.append(new CampaignVersion("t2", 1, two, NOW), "api", NOW)).isFalse();
        assertThat(store.append(new CampaignVersion("t2", 3, two, NOW), "api", NOW)).as("skips a number").isFalse();
        assertThat(store.append(new CampaignVersion("t2", 2, two, NOW), "api", NOW)).isTrue();
        assertThat(store.record("t2", "numbers").orElseThrow().latestVersion()).isEqualTo(2);
        assertThat(store.version("t2", "numbers", 1).orElseThrow().definition()).isEqualTo(one);
    }

    @Test
    void aStatusChangesOnlyFromTheStatusAndLatestVersionItNames() {
        store.append(new CampaignVersion("t3", 1, definition("life", "\"steps\": [{\"template\": \"w\"}]"), NOW), "seed", NOW);

        assertThat(store.changeStatus("t3", "life", CampaignStatus.ACTIVE, 1, CampaignStatus.PAUSED, OptionalInt.empty(), "x", NOW))
                .isFalse();
        assertThat(store.changeStatus("t3", "life", CampaignStatus.DRAFT, 2, CampaignStatus.ACTIVE, OptionalInt.of(1), "x", NOW))
                .isFalse();
        assertThat(store.changeStatus("t3", "life", CampaignStatus.DRAFT, 1, CampaignStatus.ACTIVE, OptionalInt.of(1),
                "version 1 activated by ops", NOW.plusSeconds(5))).isTrue();

        CampaignRecord record = store.record("t3", "life").orElseThrow();
        assertThat(record.status()).isEqualTo(CampaignStatus.ACTIVE);
        assertThat(record.activeVersion()).hasValue(1);
        assertThat(record.statusReason()).isEqualTo("version 1 activated by ops");
        assertThat(record.updatedAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(record.origin()).isEqualTo("seed");
    }

    @Test
    void theNextWriterCatchesTheRecordUpWithAVersionWhoseWriterStoppedShort() {
        CampaignDefinition one = definition("crash", "\"steps\": [{\"template\": \"w\"}]");
        CampaignDefinition two = definition("crash", "\"steps\": [{\"template\": \"w\", \"delay\": \"2d\"}]");
        store.append(new CampaignVersion("t4", 1, one, NOW), "api", NOW);
        // Version 2's item written, its record update never made (the writer died in between).
        stage.dynamoDb().putItem(r -> r.tableName(stage.table(SystemTopology.CAMPAIGNS_TABLE)).item(java.util.Map.of(
                "tenant", s("t4"), "item", s("version#crash#000002"), "campaign", s("crash"),
                "version", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("2"),
                "definition", s(json(two)), "created_at", s(NOW.toString()))));

        boolean third = store.append(new CampaignVersion("t4", 2, definition("crash", "\"steps\": [{\"template\": \"z\"}]"), NOW),
                "api", NOW);

        assertThat(third).isFalse();
        assertThat(store.record("t4", "crash").orElseThrow().latestVersion()).isEqualTo(2);
        assertThat(store.version("t4", "crash", 2).orElseThrow().definition()).isEqualTo(two);
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue s(String value) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(value);
    }

    private static String json(CampaignDefinition definition) {
        try {
            return Json.MAPPER.writeValueAsString(com.emailengine.core.campaign.definition.CampaignDefinitionJson.of(definition));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static CampaignDefinition definition(String id, String rest) {
        try {
            return CampaignDefinitionReader.read(Json.MAPPER.readTree("{\"id\": \"" + id + "\", \"kind\": \"sequence\", " + rest + "}"), null);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
