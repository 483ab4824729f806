package com.emailengine.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.emailengine.core.campaign.Enrollment;
import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.emulators.cloud.LocalEmulators;
import com.emailengine.emulators.fixtures.EmulatedStage;
import com.emailengine.emulators.fixtures.SharedEmulators;
import com.emailengine.platform.topology.SystemTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link DynamoEnrollmentStore} against the local DynamoDB: one enrollment per contact and campaign, the
 * sparse due index, conditional advance. The store takes any tenant id, so each test uses tenants of its
 * own and sees only its own items in the due index.
 */
@ExtendWith(SharedEmulators.class)
class DynamoEnrollmentStoreTest {

    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    private static final AtomicInteger CONTACTS = new AtomicInteger();

    private static EmulatedStage stage;
    private static DynamoEnrollmentStore enrollments;

    @BeforeAll
    static void provision(LocalEmulators emulators) {
        stage = EmulatedStage.provision(emulators, "enrollments");
        enrollments = new DynamoEnrollmentStore(stage.dynamoDb(), stage.table(SystemTopology.ENROLLMENTS_TABLE), SystemTopology.ENROLLMENTS_DUE_INDEX);
    }

    @AfterAll
    static void close() {
        stage.close();
    }

    @Test
    void enrollsOncePerTenantCampaignAndContact() {
        Enrollment first = enrollment("once", "welcome", NOW);
        Enrollment again = new Enrollment(first.tenantId(), first.campaignId(), first.contactId(), "de", 0,
                Optional.of(NOW.plusSeconds(30)), NOW.plusSeconds(30));

        assertThat(enrollments.enrollIfAbsent(first)).isTrue();
        assertThat(enrollments.enrollIfAbsent(again)).isFalse();
        assertThat(enrollments.enrollIfAbsent(withCampaign(first, "follow-up"))).isTrue();
        assertThat(enrollments.enrollIfAbsent(withTenant(first, "once-other"))).isTrue();
        assertThat(enrollments.due("once", NOW, 10)).containsExactlyInAnyOrder(first, withCampaign(first, "follow-up"));
        assertThat(enrollments.due("once-other", NOW, 10)).containsExactly(withTenant(first, "once-other"));
    }

    @Test
    void dueReturnsOnlyThatTenantsDueEnrollmentsEarliestFirst() {
        Enrollment fiveMinutesAgo = enrollment("order", "welcome", NOW.minus(Duration.ofMinutes(5)));
        Enrollment exactlyNow = enrollment("order", "welcome", NOW);
        Enrollment aMinuteAgo = enrollment("order", "follow-up", NOW.minus(Duration.ofMinutes(1)));
        Enrollment inAMinute = enrollment("order", "welcome", NOW.plus(Duration.ofMinutes(1)));
        Enrollment anotherTenants = enrollment("order-other", "welcome", NOW.minus(Duration.ofHours(1)));
        for (Enrollment e : List.of(exactlyNow, inAMinute, fiveMinutesAgo, anotherTenants, aMinuteAgo)) {
            enrollments.enrollIfAbsent(e);
        }

        assertThat(enrollments.due("order", NOW, 10)).containsExactly(fiveMinutesAgo, aMinuteAgo, exactlyNow);
        assertThat(enrollments.due("order-other", NOW, 10)).containsExactly(anotherTenants);
        assertThat(enrollments.due("order-none", NOW, 10)).isEmpty();
    }

    @Test
    void dueHonoursTheLimit() {
        for (int minutes = 1; minutes <= 5; minutes++) {
            enrollments.enrollIfAbsent(enrollment("limit", "welcome", NOW.minus(Duration.ofMinutes(minutes))));
        }

        List<Enrollment> two = enrollments.due("limit", NOW, 2);

        assertThat(two).extracting(e -> e.dueAt().orElseThrow())
                .containsExactly(NOW.minus(Duration.ofMinutes(5)), NOW.minus(Duration.ofMinutes(4)));
    }

    @Test
    void advancesOnceFromAStepAndRefusesASecondAdvanceFromTheSameStep() {
        Enrollment enrollment = enrollment("advance", "welcome", NOW);
        enrollments.enrollIfAbsent(enrollment);
        Instant nextDue = NOW.plus(Duration.ofDays(2));

        assertThat(enrollments.advance(enrollment, 0, Optional.of(nextDue))).isTrue();
        assertThat(enrollments.advance(enrollment, 0, Optional.of(NOW.plusSeconds(1)))).isFalse();
        assertThat(enrollments.due("advance", NOW, 10)).isEmpty();
        assertThat(enrollments.due("advance", nextDue, 10)).containsExactly(
                new Enrollment("advance", "welcome", enrollment.contactId(), "fr", 1, Optional.of(nextDue), NOW));
    }

    @Test
    void refusesToAdvanceAnEnrollmentThatDoesNotExist() {
        assertThat(enrollments.advance(enrollment("ghost", "welcome", NOW), 0, Optional.empty())).isFalse();
        assertThat(item(enrollment("ghost", "welcome", NOW))).isEmpty();
    }

    @Test
    void advancingTheLastStepFinishesTheEnrollmentAndTakesItOutOfTheDueIndex() {
        Enrollment enrollment = enrollment("finish", "welcome", NOW);
        enrollments.enrollIfAbsent(enrollment);

        assertThat(enrollments.advance(enrollment, 0, Optional.empty())).isTrue();

        assertThat(enrollments.due("finish", NOW.plus(Duration.ofDays(3650)), 10)).isEmpty();
        Map<String, AttributeValue> item = item(enrollment);
        assertThat(item.get("state").s()).isEqualTo("finished");
        assertThat(item.get("next_step").n()).isEqualTo("1");
        assertThat(item).doesNotContainKeys("due_at", "due_tenant");
    }

    @Test
    void stopTakesTheEnrollmentOutOfTheDueIndexAndMayBeRepeated() {
        Enrollment enrollment = enrollment("stop", "welcome", NOW.minusSeconds(1));
        enrollments.enrollIfAbsent(enrollment);

        enrollments.stop(enrollment, "contact is unsubscribed");

        assertThat(enrollments.due("stop", NOW.plus(Duration.ofDays(3650)), 10)).isEmpty();
        assertThat(item(enrollment).get("state").s()).isEqualTo("stopped");
        assertThat(item(enrollment).get("stop_reason").s()).isEqualTo("contact is unsubscribed");
        assertThatCode(() -> enrollments.stop(enrollment, "contact is unsubscribed")).doesNotThrowAnyException();
    }

    @Test
    void postponeMovesOnlyAPendingStepsDueTime() {
        Enrollment enrollment = enrollment("postpone", "welcome", NOW.minusSeconds(1));
        Enrollment stopped = enrollment("postpone", "welcome", NOW.minusSeconds(1));
        enrollments.enrollIfAbsent(enrollment);
        enrollments.enrollIfAbsent(stopped);
        enrollments.stop(stopped, "contact is unsubscribed");

        assertThat(enrollments.postpone(enrollment, 0, NOW.plusSeconds(300))).isTrue();
        assertThat(enrollments.postpone(enrollment, 1, NOW.plusSeconds(600))).as("not at that step").isFalse();
        assertThat(enrollments.postpone(stopped, 0, NOW.plusSeconds(300))).as("stopped: stays out of the index").isFalse();

        assertThat(enrollments.due("postpone", NOW, 10)).isEmpty();
        assertThat(enrollments.due("postpone", NOW.plusSeconds(300), 10)).extracting(Enrollment::contactId)
                .containsExactly(enrollment.contactId());
        assertThat(item(stopped)).doesNotContainKeys("due_at", "due_tenant");
    }

    private static Enrollment enrollment(String tenant, String campaign, Instant due) {
        EmailHash contact = EmailHash.of(EmailAddress.parse("enrolled" + CONTACTS.incrementAndGet() + "@example.test"));
        return new Enrollment(tenant, campaign, contact, "fr", 0, Optional.of(due), NOW);
    }

    private static Enrollment withCampaign(Enrollment e, String campaign) {
        return new Enrollment(e.tenantId(), campaign, e.contactId(), e.language(), e.nextStep(), e.dueAt(), e.enrolledAt());
    }

    private static Enrollment withTenant(Enrollment e, String tenant) {
        return new Enrollment(tenant, e.campaignId(), e.contactId(), e.language(), e.nextStep(), e.dueAt(), e.enrolledAt());
    }

    private static Map<String, AttributeValue> item(Enrollment e) {
        return stage.dynamoDb().getItem(r -> r.tableName(stage.table(SystemTopology.ENROLLMENTS_TABLE)).consistentRead(true)
                .key(Map.of("tenant_campaign", AttributeValue.fromS(e.tenantId() + "#" + e.campaignId()),
                        "contact_id", AttributeValue.fromS(e.contactId().hex())))).item();
    }
}
