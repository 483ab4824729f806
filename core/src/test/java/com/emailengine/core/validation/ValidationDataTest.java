package com.emailengine.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidationDataTest {

    private final ValidationData data = ValidationData.shipped();

    @Test
    void theShippedListsLoadWithTheirEntries() {
        assertThat(data.disposableDomains().size()).isGreaterThan(5_000);
        assertThat(data.roleAccounts().size()).isGreaterThan(80);
        assertThat(data.reservedDomains().covers("a.b.invalid")).isTrue();
        assertThat(data.reservedDomains().covers("gmail.test")).as(".test belongs to the local cloud").isFalse();
    }

    @Test
    void noBigProviderIsOnTheDisposableListOrSuggestedAgainstItself() {
        for (String provider : new String[] {"gmail.com", "outlook.com", "yahoo.fr", "orange.fr", "gmx.de", "icloud.com"}) {
            assertThat(data.disposableDomains().covers(provider)).as(provider).isFalse();
            assertThat(data.providerTypos().suggestionFor(provider)).as(provider).isNull();
        }
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource({
            "gmial.com, gmail.com, true", "gmail.co, gmail.com, true", "gmaill.com, gmail.com, true",
            "gmai.com, gmail.com, true", "gmail.com, gmail.com, false", "gmxil.cm, gmail.com, false",
            "mail.com, gmail.com, true", "gmial.con, gmail.com, false"})
    void oneEditApartMeansOneInsertionDeletionSubstitutionOrSwap(String a, String b, boolean expected) {
        assertThat(ProviderTypos.oneEditApart(a, b)).isEqualTo(expected);
        assertThat(ProviderTypos.oneEditApart(b, a)).isEqualTo(expected);
    }

    @Test
    void roleAccountsMatchWithoutCaseAndPlusTag() {
        assertThat(data.roleAccounts().tierOf("INFO+shop")).isEqualTo(RoleAccounts.Tier.ROLE);
        assertThat(data.roleAccounts().tierOf("abuse")).isEqualTo(RoleAccounts.Tier.SYSTEM);
        assertThat(data.roleAccounts().tierOf("marie.curie")).isNull();
    }
}
