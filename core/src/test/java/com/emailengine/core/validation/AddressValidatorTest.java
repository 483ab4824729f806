package com.emailengine.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.EmailHash;
import com.emailengine.core.suppression.PrefetchedSuppressions;
import com.emailengine.core.suppression.Suppression;
import com.emailengine.core.suppression.SuppressionList;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The offline steps of the pipeline, one reason code at a time, and how policy and ordering shape the verdict. */
class AddressValidatorTest {

    private final MemorySuppressions suppressions = new MemorySuppressions();
    private final AddressValidator validator = AddressValidator.standard(ValidationData.shipped(),
            new SuppressionCheck(suppressions), null);

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "anna@gmail.com|valid|",
            "anna@invalid|invalid|single_label_domain",
            "anna@server.invalid|invalid|reserved_domain",
            "anna@printer.local|invalid|reserved_domain",
            "anna@example.com|invalid|reserved_domain",
            "anna@news.example.org|invalid|reserved_domain",
            "anna@xyz.onion|invalid|reserved_domain",
            "anna@mailinator.com|invalid|disposable_domain",
            "anna@eu.mailinator.com|invalid|disposable_domain",
            "anna@10minutemail.com|invalid|disposable_domain",
            "info@company.fr|risky|role_account",
            "Sales+EU@company.fr|risky|role_account",
            "kontakt@firma.de|risky|role_account",
            "postmaster@company.fr|invalid|system_mailbox",
            "no-reply@company.fr|invalid|system_mailbox",
            "NoReply@company.fr|invalid|system_mailbox",
            "anna@gmial.com|invalid|domain_typo",
            "anna@gmaiil.com|risky|domain_typo",
            "anna@gmail.con|risky|domain_typo",
            "anna@hotmial.con|risky|domain_typo",
            "anna@outlok.com|risky|domain_typo",
            "josé@bücher.de|valid|smtputf8_required",
            "anna@ymail.com|valid|",
            "anna@mail.com|valid|",
            "anna@email.com|valid|",
            "anna@cloud.com|valid|",
            "anna@qq.com|valid|",
    })
    void eachOfflineCheckReportsItsReasonCode(String address, String verdict, String code) {
        Validation validation = validator.validate(address);

        assertThat(validation.verdict().wireName()).isEqualTo(verdict);
        if (code == null) {
            assertThat(validation.findings()).isEmpty();
        } else {
            assertThat(validation.codes()).contains(code);
        }
    }

    @Test
    void aTypoComesWithTheIntendedAddressAsASuggestionNeverApplied() {
        Validation validation = validator.validate("Marie.Curie@gmial.com");

        assertThat(validation.suggestion()).isEqualTo("Marie.Curie@gmail.com");
        assertThat(validation.address().value()).isEqualTo("Marie.Curie@gmial.com");
    }

    @Test
    void aSyntaxErrorEndsThePipelineWithItsOwnCode() {
        Validation validation = validator.validate("\"john doe\"@mailinator.com");

        assertThat(validation.address()).isNull();
        assertThat(validation.codes()).containsExactly("quoted_local_part");
        assertThat(validation.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void everyOfflineReasonIsReportedNotOnlyTheFirst() {
        Validation validation = validator.validate("noreply@mailinator.com");

        assertThat(validation.codes()).containsExactly("disposable_domain", "system_mailbox");
        assertThat(validation.decisive().code()).isEqualTo("disposable_domain");
    }

    @Test
    void internationalizedAddressesAreValidAndFlaggedForSmtpUtf8() {
        Validation utf8Local = validator.validate("用户@例子.广告");
        Validation idnOnly = validator.validate("anna@bücher.de");

        assertThat(utf8Local.verdict()).isEqualTo(Verdict.VALID);
        assertThat(utf8Local.codes()).containsExactly("smtputf8_required");
        assertThat(utf8Local.address().asciiDomain()).isEqualTo("xn--fsqu00a.xn--4rr70v");
        assertThat(idnOnly.findings()).isEmpty();
        assertThat(idnOnly.address().asciiDomain()).isEqualTo("xn--bcher-kva.de");
    }

    @Test
    void aSuppressedAddressIsInvalidForItsTenantAndAGlobalEntryForEveryTenant() {
        EmailAddress anna = EmailAddress.parse("anna@gmail.com");
        EmailAddress bob = EmailAddress.parse("bob@gmail.com");
        suppressions.add(new Suppression("alpha", EmailHash.of(anna), "unsubscribed", "test", Instant.EPOCH));
        suppressions.add(new Suppression(SuppressionList.GLOBAL, EmailHash.of(bob), "hard_bounce", "test", Instant.EPOCH));

        assertThat(validator.validate("anna@gmail.com", "alpha", ValidationPolicy.DEFAULT).codes()).containsExactly("suppressed");
        assertThat(validator.validate("ANNA@gmail.com", "beta", ValidationPolicy.DEFAULT).verdict()).isEqualTo(Verdict.VALID);
        assertThat(validator.validate("bob@gmail.com", "beta", ValidationPolicy.DEFAULT).codes()).containsExactly("suppressed");
        assertThat(validator.validate("bob@gmail.com").codes()).containsExactly("suppressed");
    }

    @Test
    void aPrefetchedAnswerServesABatchWithOneQuery() {
        EmailAddress anna = EmailAddress.parse("anna@gmail.com");
        suppressions.add(new Suppression("alpha", EmailHash.of(anna), "unsubscribed", "test", Instant.EPOCH));
        List<EmailHash> batch = List.of(EmailHash.of(anna), EmailHash.of(EmailAddress.parse("bob@gmail.com")));

        PrefetchedSuppressions prefetched = PrefetchedSuppressions.of(suppressions, "alpha", batch);
        AddressValidator perRequest = AddressValidator.standard(ValidationData.shipped(), new SuppressionCheck(prefetched), null);

        assertThat(perRequest.validate("anna@gmail.com", "alpha", ValidationPolicy.DEFAULT).codes()).containsExactly("suppressed");
        assertThat(perRequest.validate("bob@gmail.com", "alpha", ValidationPolicy.DEFAULT).verdict()).isEqualTo(Verdict.VALID);
        assertThat(suppressions.queries.get()).isEqualTo(1);
    }

    @Test
    void aTenantPolicyChangesWhatRoleAccountsAndTyposDoButNotSyntax() {
        ValidationPolicy b2b = ValidationPolicy.DEFAULT.with(Map.of(ReasonCode.ROLE_ACCOUNT, Verdict.VALID,
                ReasonCode.DOMAIN_TYPO, Verdict.INVALID));

        Validation info = validator.validate("info@company.fr", "alpha", b2b);
        assertThat(info.verdict()).isEqualTo(Verdict.VALID);
        assertThat(info.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("role_account");
            assertThat(f.effect()).isEqualTo(Verdict.VALID);
        });
        assertThat(validator.validate("anna@outlok.com", "alpha", b2b).verdict()).isEqualTo(Verdict.INVALID);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ValidationPolicy.DEFAULT.with(Map.of(ReasonCode.NXDOMAIN, Verdict.VALID)))
                .hasMessageContaining("nxdomain cannot be changed");
    }

    @Test
    void networkChecksAreSkippedForAnAddressAlreadyInvalidAndLeftOutOffline() {
        AtomicInteger lookups = new AtomicInteger();
        AddressCheck network = new AddressCheck() {
            @Override
            public ReasonCode.Check step() {
                return ReasonCode.Check.MAIL_ROUTE;
            }

            @Override
            public boolean usesNetwork() {
                return true;
            }

            @Override
            public List<Finding> check(Candidate candidate) {
                lookups.incrementAndGet();
                return List.of();
            }
        };
        AddressValidator withNetwork = new AddressValidator(List.of(
                new DisposableDomainCheck(ValidationData.shipped().disposableDomains()), network));

        withNetwork.validate("anna@mailinator.com");
        withNetwork.validate("anna@gmail.com");
        withNetwork.offline().validate("anna@gmail.com");

        assertThat(lookups).hasValue(1);
        assertThat(withNetwork.offline().checks()).hasSize(1);
    }

    @Test
    void bulkValidationKeepsTheOrderOfItsInput() {
        BulkValidator bulk = new BulkValidator(validator, 8);

        List<Validation> results = bulk.validateAll(List.of(BulkValidator.Item.of("a@gmail.com"),
                BulkValidator.Item.of("broken"), BulkValidator.Item.of("info@company.fr")));

        assertThat(results).extracting(Validation::verdict).containsExactly(Verdict.VALID, Verdict.INVALID, Verdict.RISKY);
    }

    /** A suppression list in memory, counting queries; the DynamoDB one is tested against the emulator. */
    static final class MemorySuppressions implements SuppressionList {
        private final Set<String> entries = new HashSet<>();
        final AtomicInteger queries = new AtomicInteger();

        @Override
        public Set<EmailHash> suppressed(String tenantId, Collection<EmailHash> ids) {
            queries.incrementAndGet();
            Set<EmailHash> out = new HashSet<>();
            for (EmailHash id : ids) {
                if (entries.contains(tenantId + "/" + id.hex()) || entries.contains(GLOBAL + "/" + id.hex())) {
                    out.add(id);
                }
            }
            return out;
        }

        @Override
        public void add(Suppression suppression) {
            entries.add(suppression.scope() + "/" + suppression.id().hex());
        }
    }
}
