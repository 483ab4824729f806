package com.emailengine.core.campaign.catalog;

import static com.emailengine.core.config.TwoTenantConfig.ACME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.core.campaign.Campaign;
import com.emailengine.core.campaign.CampaignLookup;
import com.emailengine.core.campaign.CampaignStep;
import com.emailengine.core.campaign.definition.CampaignDefinition;
import com.emailengine.core.campaign.definition.CampaignDefinitionReader;
import com.emailengine.core.campaign.definition.CampaignProblem;
import com.emailengine.core.campaign.definition.CampaignStatus;
import com.emailengine.core.campaign.definition.InvalidCampaignException;
import com.emailengine.core.config.EngineConfig;
import com.emailengine.core.config.TwoTenantConfig;
import com.emailengine.core.json.Json;
import com.emailengine.core.templating.InMemoryTemplateLibrary;
import com.emailengine.core.templating.LanguageTag;
import com.emailengine.core.templating.TemplateContent;
import com.emailengine.core.templating.TemplateOptions;
import com.emailengine.core.templating.TemplateRef;
import com.emailengine.core.templating.TemplateVariant;
import com.emailengine.core.templating.TemplateVersion;
import com.emailengine.core.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The campaign use cases: versions, activation checks, the status life, seeding, and what the scheduler then sees. */
class CampaignCatalogTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private final EngineConfig config = TwoTenantConfig.load("""
            campaigns:
              - { id: welcome, tenant: acme, steps: [ { template: welcome, version: 1, delay: 0s } ] }
              - { id: welcome, tenant: globex, steps: [ { template: welcome, version: 9, delay: 0s } ] }
            """, null, null);
    private final Tenant acme = config.tenants().get(ACME);
    private final InMemoryTemplateLibrary templates = new InMemoryTemplateLibrary()
            .add(template("welcome", 1, "fr", "en"))
            .add(template("follow-up", 1, "fr"))
            .add(template("follow-up", 2, "fr", "de", "en"));
    private final InMemoryCampaignStore store = new InMemoryCampaignStore();
    private final SteppingClock clock = new SteppingClock(T0);
    private final CampaignCatalog catalog = new CampaignCatalog(store, new ActivationCheck(templates), clock);
    private final ActiveCampaigns lookup = new ActiveCampaigns(store, clock);

    @Test
    void aNewCampaignIsADraftThatSendsNothingUntilActivated() {
        CampaignCatalog.Found created = catalog.create(acme, definition("drip", step("welcome", 1, "0s"), step("follow-up", 1, "3d")));

        assertThat(created.record().status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(created.record().latestVersion()).isEqualTo(1);
        assertThat(created.record().activeVersion()).isEmpty();
        assertThat(lookup.find(ACME, "drip").standing()).isEqualTo(CampaignLookup.Standing.HELD);

        catalog.activate(acme, "drip", OptionalInt.empty(), "ops");
        clock.advance(ActiveCampaigns.RECORD_TTL);

        CampaignLookup.Found found = lookup.find(ACME, "drip");
        assertThat(found.standing()).isEqualTo(CampaignLookup.Standing.RUNNING);
        assertThat(found.campaign().orElseThrow().steps()).containsExactly(
                new CampaignStep(0, "welcome", 1, Duration.ZERO), new CampaignStep(1, "follow-up", 1, Duration.ofDays(3)));
    }

    @Test
    void anEditIsANewDraftVersionAndTheRunningVersionKeepsRunningUntilTheNewOneIsActivated() {
        catalog.create(acme, definition("drip", step("welcome", 1, "0s")));
        catalog.activate(acme, "drip", OptionalInt.empty(), "ops");

        CampaignCatalog.Found edited = catalog.addVersion(acme, definition("drip", step("welcome", 1, "0s"), step("follow-up", 1, "2d")));

        assertThat(edited.version().version()).isEqualTo(2);
        assertThat(edited.record().activeVersion()).hasValue(1);
        assertThat(edited.record().hasDraft()).isTrue();
        assertThat(lookup.find(ACME, "drip").campaign().orElseThrow().steps()).hasSize(1);

        catalog.activate(acme, "drip", OptionalInt.empty(), "ops");
        clock.advance(ActiveCampaigns.RECORD_TTL);

        assertThat(lookup.find(ACME, "drip").campaign().orElseThrow().steps()).hasSize(2);
        assertThat(catalog.read(acme, "drip", OptionalInt.of(1)).version().definition().steps()).hasSize(1);
    }

    @Test
    void theSameDefinitionSentAgainMakesNoNewVersion() {
        CampaignDefinition definition = definition("drip", step("welcome", 1, "0s"));
        catalog.create(acme, definition);

        CampaignCatalog.Found again = catalog.addVersion(acme, definition);

        assertThat(again.unchanged()).isTrue();
        assertThat(again.record().latestVersion()).isEqualTo(1);
    }

    @Test
    void activationListsEveryMissingLanguageOfEveryTemplate() {
        catalog.create(acme, definitionWith("german", """
                "languages": ["de", "en"],""", step("welcome", 1, "0s"), step("follow-up", 1, "1d")));

        assertThatThrownBy(() -> catalog.activate(acme, "german", OptionalInt.empty(), "ops"))
                .isInstanceOfSatisfying(InvalidCampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo("missing_languages");
                    assertThat(e.problems()).extracting(CampaignProblem::pointer, CampaignProblem::message).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("/steps/0/template", "template 'welcome' version 1 lacks de (it has fr, en)"),
                            org.assertj.core.groups.Tuple.tuple("/steps/1/template", "template 'follow-up' version 1 lacks de, en (it has fr)"));
                });
        assertThat(store.record(ACME, "german").orElseThrow().status()).isEqualTo(CampaignStatus.DRAFT);
    }

    @Test
    void withoutNamedLanguagesTheAudiencesLanguagesAreNeededElseTheTenantsDefault() {
        catalog.create(acme, definitionWith("audience", """
                "audience": {"rules": [{"field": "language", "operator": "in", "values": ["de"]}]},""", step("follow-up", 2, "0s")));
        catalog.create(acme, definition("plain", step("follow-up", 1, "0s")));

        assertThat(ActivationCheck.neededLanguages(acme, store.version(ACME, "audience", 1).orElseThrow().definition()))
                .containsExactly(LanguageTag.of("de"));
        assertThat(ActivationCheck.neededLanguages(acme, store.version(ACME, "plain", 1).orElseThrow().definition()))
                .containsExactly(LanguageTag.of("fr"));
    }

    @Test
    void activationFindsEveryMissingTemplateOrVersion() {
        catalog.create(acme, definition("ghosts", step("welcome", 7, "0s"), step("nowhere", 1, "1d")));

        assertThatThrownBy(() -> catalog.activate(acme, "ghosts", OptionalInt.empty(), "ops"))
                .isInstanceOfSatisfying(InvalidCampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo("template_not_found");
                    assertThat(e.problems()).extracting(CampaignProblem::pointer).containsExactly("/steps/0/template", "/steps/1/template");
                });
    }

    @Test
    void whatTheSchedulerDoesNotRunYetIsRefusedAtActivationNotSilentlyIgnored() {
        catalog.create(acme, definitionWith("fancy", """
                "window": {"days": "mon-fri", "hours": "09:00-17:00"}, "caps": {"per_day": 100},""",
                step("welcome", 1, "0s"), """
                {"template": "follow-up", "version": 1, "delay": "1d", "condition": {"if": "opened", "step": 1, "within": "1d"}}"""));

        assertThatThrownBy(() -> catalog.activate(acme, "fancy", OptionalInt.empty(), "ops"))
                .isInstanceOfSatisfying(InvalidCampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo("not_runnable");
                    assertThat(e.problems()).extracting(CampaignProblem::pointer).containsExactly("/window", "/caps", "/steps/1/condition");
                });
        assertThat(catalog.validate(acme, store.version(ACME, "fancy", 1).orElseThrow().definition()))
                .extracting(InvalidCampaignException::code).containsExactly("not_runnable");
    }

    @Test
    void pauseHoldsResumeRunsArchiveEnds() {
        catalog.create(acme, definition("drip", step("welcome", 1, "0s")));
        catalog.activate(acme, "drip", OptionalInt.empty(), "ops");

        assertThat(catalog.pause(acme, "drip", "ana").status()).isEqualTo(CampaignStatus.PAUSED);
        clock.advance(ActiveCampaigns.RECORD_TTL);
        assertThat(lookup.find(ACME, "drip").standing()).isEqualTo(CampaignLookup.Standing.HELD);

        assertThat(catalog.resume(acme, "drip", "ana").statusReason()).isEqualTo("resumed by ana");
        clock.advance(ActiveCampaigns.RECORD_TTL);
        assertThat(lookup.find(ACME, "drip").standing()).isEqualTo(CampaignLookup.Standing.RUNNING);

        catalog.archive(acme, "drip", "ana");
        clock.advance(ActiveCampaigns.RECORD_TTL);
        assertThat(lookup.find(ACME, "drip")).isEqualTo(CampaignLookup.Found.ENDED);
    }

    @Test
    void aStatusThatDoesNotAllowTheActionIsAConflictAndChangesNothing() {
        catalog.create(acme, definition("drip", step("welcome", 1, "0s")));

        assertThatThrownBy(() -> catalog.pause(acme, "drip", "ops")).isInstanceOfSatisfying(CampaignCatalog.Conflict.class,
                e -> assertThat(e.code()).isEqualTo("campaign_state"));
        assertThatThrownBy(() -> catalog.resume(acme, "drip", "ops")).isInstanceOf(CampaignCatalog.Conflict.class);
        catalog.archive(acme, "drip", "ops");
        assertThatThrownBy(() -> catalog.activate(acme, "drip", OptionalInt.empty(), "ops"))
                .isInstanceOfSatisfying(CampaignCatalog.Conflict.class, e -> assertThat(e.getMessage()).contains("is archived"));
        assertThatThrownBy(() -> catalog.addVersion(acme, definition("drip", step("welcome", 1, "1d"))))
                .isInstanceOf(CampaignCatalog.Conflict.class);
        assertThat(store.record(ACME, "drip").orElseThrow().latestVersion()).isEqualTo(1);
        assertThatThrownBy(() -> catalog.create(acme, definition("drip", step("welcome", 1, "0s"))))
                .isInstanceOfSatisfying(CampaignCatalog.Conflict.class, e -> assertThat(e.code()).isEqualTo("campaign_exists"));
        assertThatThrownBy(() -> catalog.read(acme, "nope", OptionalInt.empty())).isInstanceOf(CampaignCatalog.NotFound.class);
    }

    @Test
    void aVersionWrittenBetweenReadingAndActivatingIsNotActivatedUnseen() {
        catalog.create(acme, definition("drip", step("welcome", 1, "0s")));
        CampaignRecord seen = store.record(ACME, "drip").orElseThrow();
        catalog.addVersion(acme, definition("drip", step("welcome", 1, "5d")));

        boolean moved = store.changeStatus(ACME, "drip", seen.status(), seen.latestVersion(), CampaignStatus.ACTIVE,
                OptionalInt.of(1), "stale", T0);

        assertThat(moved).isFalse();
    }

    @Test
    void theShippedCampaignsAreSeededActiveOnceAndNeverOverwritten() {
        List<String> first = SeedCampaigns.seed(catalog, config.tenants(), config.campaigns());

        // globex's welcome pins a version its tenant lacks: logged and left out, acme's still seeded.
        assertThat(first).containsExactly("acme/welcome");
        assertThat(store.record(ACME, "welcome").orElseThrow()).satisfies(r -> {
            assertThat(r.status()).isEqualTo(CampaignStatus.ACTIVE);
            assertThat(r.origin()).isEqualTo("seed");
        });
        catalog.pause(acme, "welcome", "ops");

        assertThat(SeedCampaigns.seed(catalog, config.tenants(), config.campaigns())).isEmpty();
        assertThat(store.record(ACME, "welcome").orElseThrow().status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(store.record("globex", "welcome")).isEmpty();
    }

    @Test
    void aRecordIsReadAgainOnlyAfterItsTimeToLive() {
        catalog.create(acme, definition("drip", step("welcome", 1, "0s")));
        catalog.activate(acme, "drip", OptionalInt.empty(), "ops");
        assertThat(lookup.find(ACME, "drip").standing()).isEqualTo(CampaignLookup.Standing.RUNNING);

        catalog.pause(acme, "drip", "ops");
        assertThat(lookup.find(ACME, "drip").standing()).as("within the TTL").isEqualTo(CampaignLookup.Standing.RUNNING);
        clock.advance(ActiveCampaigns.RECORD_TTL);
        assertThat(lookup.find(ACME, "drip").standing()).isEqualTo(CampaignLookup.Standing.HELD);
    }

    private static String step(String template, int version, String delay) {
        return "{\"template\": \"" + template + "\", \"version\": " + version + ", \"delay\": \"" + delay + "\"}";
    }

    private static CampaignDefinition definition(String id, String... steps) {
        return definitionWith(id, "", steps);
    }

    private static CampaignDefinition definitionWith(String id, String more, String... steps) {
        String json = "{\"id\": \"" + id + "\", \"kind\": \"sequence\", " + more + " \"steps\": [" + String.join(",", steps) + "]}";
        try {
            return CampaignDefinitionReader.read(Json.MAPPER.readTree(json), null);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static TemplateVersion template(String key, int version, String... languages) {
        List<TemplateVariant> variants = Arrays.stream(languages).map(language -> new TemplateVariant(LanguageTag.of(language),
                "Hi", null, "<p>" + key + "</p>", null)).toList();
        return new TemplateVersion(new TemplateRef(ACME, key, version), new TemplateContent(LanguageTag.of(languages[0]), variants,
                TemplateOptions.DEFAULT), Instant.EPOCH, "api", List.of());
    }

    /** A clock the test moves on. */
    static final class SteppingClock extends Clock {
        private Instant now;

        SteppingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
