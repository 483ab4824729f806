package com.emailengine.core.campaign.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.core.json.Json;
import com.emailengine.core.templating.LanguageTag;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignDefinitionReaderTest {

    static final String FULL = """
            {"id": "onboarding", "name": "Onboarding FR", "kind": "sequence",
             "audience": {"rules": [
               {"field": "language", "operator": "in", "values": ["fr", "pt_br"]},
               {"field": "country", "operator": "not_in", "values": ["us"]},
               {"field": "domain_authority", "operator": "between", "values": [20, 60]},
               {"field": "ingested_at", "operator": "after", "value": "2026-01-01"},
               {"field": "tags", "operator": "contains", "value": "lawyer"},
               {"field": "fields.city", "operator": "exists"}]},
             "steps": [
               {"template": "welcome", "version": 3, "delay": "0s"},
               {"template": "follow-up", "version": "shipped", "delay": "3d",
                "condition": {"if": "not_opened", "step": 1, "within": "2d"}},
               {"template": "offer", "version": 1, "delay": "36h",
                "variants": [{"id": "a", "percent": 50, "subject": "Votre offre"},
                             {"id": "b", "percent": 50, "template": "offer-b", "version": 2}],
                "winner": {"metric": "click_rate", "test_share": 20, "wait": "4h", "min_sample": 200, "confidence": 0.95}}],
             "window": {"days": "mon-fri", "hours": "09:00-17:00", "business_days": true},
             "caps": {"per_day": 5000, "per_recipient_domain_per_day": 20},
             "pool": "default", "spread": true, "languages": ["fr", "pt-BR"]}
            """;

    @Test
    void readsEveryPartOfACampaign() {
        CampaignDefinition definition = read(FULL, null);

        assertThat(definition.id()).isEqualTo("onboarding");
        assertThat(definition.name()).isEqualTo("Onboarding FR");
        assertThat(definition.kind()).isEqualTo(CampaignKind.SEQUENCE);
        assertThat(definition.audience().rules()).hasSize(6);
        assertThat(definition.audience().languages()).contains(List.of("fr", "pt-BR"));
        assertThat(definition.audience().rules().get(1).values()).containsExactly("US");
        assertThat(definition.steps()).hasSize(3);
        StepDefinition second = definition.steps().get(1);
        assertThat(second.templateVersion()).isZero();
        assertThat(second.delay()).contains(Duration.ofDays(3));
        assertThat(second.condition()).contains(new StepCondition(StepCondition.Kind.NOT_OPENED, 0, Duration.ofDays(2)));
        StepDefinition third = definition.steps().get(2);
        assertThat(third.delay()).contains(Duration.ofHours(36));
        assertThat(third.variants()).extracting(StepVariant::id).containsExactly("a", "b");
        assertThat(third.winner()).hasValueSatisfying(w -> {
            assertThat(w.metric()).isEqualTo(WinnerSpec.Metric.CLICK_RATE);
            assertThat(w.defaultVariant()).isEqualTo("a");
            assertThat(w.minimumSample()).isEqualTo(200);
        });
        assertThat(definition.window()).contains(new SendingWindowSpec("mon-fri", "09:00-17:00", true));
        assertThat(definition.caps().perRecipientDomain()).hasValue(20);
        assertThat(definition.languages()).containsExactly(LanguageTag.of("fr"), LanguageTag.of("pt-BR"));
    }

    @Test
    void aDefinitionWrittenAsJsonReadsBackEqual() throws Exception {
        CampaignDefinition definition = read(FULL, null);

        String written = Json.MAPPER.writeValueAsString(CampaignDefinitionJson.of(definition));

        assertThat(read(written, "onboarding")).isEqualTo(definition);
    }

    @Test
    void namesEveryProblemWithItsPointerNotOnlyTheFirst() {
        String broken = """
                {"id": "Bad Id", "kind": "drip", "dealy": "1d",
                 "steps": [
                   {"template": "welcome", "delay": "soon"},
                   {"template": "x", "condition": {"if": "opened", "step": 3, "within": "1d"}},
                   {"template": "y", "variants": [{"id": "a", "percent": 60, "subject": "A"}, {"id": "a", "percent": 30, "subject": "B"}]}],
                 "caps": {"per_day": -5}}
                """;

        assertThatThrownBy(() -> read(broken, null)).isInstanceOfSatisfying(InvalidCampaignException.class, e -> {
            assertThat(e.code()).isEqualTo("invalid_campaign");
            assertThat(e.problems()).extracting(CampaignProblem::pointer).containsExactlyInAnyOrder(
                    "/dealy", "/id", "/kind", "/steps/0/delay", "/steps/1/condition/step", "/steps/2/variants/1/id",
                    "/steps/2/variants", "/caps/per_day");
            assertThat(e.problems()).anySatisfy(p -> assertThat(p.message()).contains("add up to 90, not 100"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p.message()).contains("step 3 is not an earlier step (1 to 1)"));
        });
    }

    @Test
    void aBroadcastHasOneStepAndASendDateAndNoDelays() {
        CampaignDefinition broadcast = read("""
                {"id": "december", "kind": "broadcast", "send_at": "2026-12-10T09:00", "steps": [{"template": "news", "version": 2}]}
                """, null);
        assertThat(broadcast.sendAt()).contains(LocalDateTime.parse("2026-12-10T09:00"));
        assertThat(broadcast.steps().getFirst().delay()).isEmpty();

        assertThatThrownBy(() -> read("""
                {"id": "december", "kind": "broadcast", "steps": [{"template": "a", "delay": "1d"}, {"template": "b"}]}
                """, null)).isInstanceOfSatisfying(InvalidCampaignException.class, e -> assertThat(e.problems())
                .extracting(CampaignProblem::pointer).containsExactlyInAnyOrder("/send_at", "/steps", "/steps/0"));
    }

    @Test
    void anAutoresponderNeedsATriggerAndOnlyItHasOne() {
        assertThat(read("""
                {"id": "on-ingest", "kind": "autoresponder", "trigger": {"event": "ingest", "source": "scraper-pro"},
                 "steps": [{"template": "welcome"}]}
                """, null).trigger()).contains(new TriggerSpec(TriggerSpec.Event.INGEST, java.util.Optional.of("scraper-pro")));

        assertThatThrownBy(() -> read("{\"id\": \"a\", \"kind\": \"autoresponder\", \"steps\": [{\"template\": \"w\"}]}", null))
                .isInstanceOfSatisfying(InvalidCampaignException.class, e -> assertThat(e.problems())
                        .extracting(CampaignProblem::pointer).containsExactly("/trigger"));
        assertThatThrownBy(() -> read("{\"id\": \"a\", \"kind\": \"sequence\", \"trigger\": {\"event\": \"api\"}, "
                + "\"steps\": [{\"template\": \"w\"}]}", null))
                .isInstanceOfSatisfying(InvalidCampaignException.class, e -> assertThat(e.problems())
                        .extracting(CampaignProblem::pointer).containsExactly("/trigger"));
    }

    @Test
    void theIdOfThePathAndOfTheBodyMustAgree() {
        assertThat(read("{\"kind\": \"sequence\", \"steps\": [{\"template\": \"w\"}]}", "from-path").id()).isEqualTo("from-path");

        assertThatThrownBy(() -> read("{\"id\": \"other\", \"kind\": \"sequence\", \"steps\": [{\"template\": \"w\"}]}", "from-path"))
                .isInstanceOfSatisfying(InvalidCampaignException.class, e -> assertThat(e.problems().getFirst().message())
                        .contains("'other' but the path names 'from-path'"));
    }

    @Test
    void refusesRulesThatDoNotFitTheirField() {
        assertThatThrownBy(() -> read("""
                {"id": "a", "kind": "sequence", "steps": [{"template": "w"}], "audience": {"rules": [
                  {"field": "domain_authority", "operator": "in", "values": ["x"]},
                  {"field": "language", "operator": "in", "values": ["not a language"]},
                  {"field": "page_rank", "operator": "between", "values": [8, 2]},
                  {"field": "salary", "operator": "exists"},
                  {"field": "ingested_at", "operator": "after", "value": "yesterday"}]}}
                """, null)).isInstanceOfSatisfying(InvalidCampaignException.class, e -> assertThat(e.problems())
                .extracting(CampaignProblem::pointer).containsExactly("/audience/rules/0/operator", "/audience/rules/1/values",
                        "/audience/rules/2/values", "/audience/rules/3/field", "/audience/rules/4/value"));
    }

    @Test
    void durationsReadInShortFormOrIsoAndAreBounded() {
        assertThat(DurationText.parse("90m")).contains(Duration.ofMinutes(90));
        assertThat(DurationText.parse("2w")).contains(Duration.ofDays(14));
        assertThat(DurationText.parse("P1DT2H")).contains(Duration.ofHours(26));
        assertThat(DurationText.parse("-1d")).isEmpty();
        assertThat(DurationText.parse("PT-5M")).isEmpty();
        assertThat(DurationText.format(Duration.ofHours(36))).isEqualTo("36h");
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");

        assertThatThrownBy(() -> read("{\"id\": \"a\", \"kind\": \"sequence\", \"steps\": [{\"template\": \"w\", \"delay\": \"400d\"}]}", null))
                .isInstanceOfSatisfying(InvalidCampaignException.class, e -> assertThat(e.problems().getFirst().message())
                        .contains("at most 366 days"));
    }

    private static CampaignDefinition read(String json, String idFromPath) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            return CampaignDefinitionReader.read(node, idFromPath);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
