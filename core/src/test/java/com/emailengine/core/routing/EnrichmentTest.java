package com.emailengine.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.templating.Language;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnrichmentTest {

    private final Categorizer categorizer = new Categorizer(List.of(
            new CategoryRule("legal", List.of("avocat", "law firm")),
            new CategoryRule("real-estate", List.of("real estate", "immobilier"))));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"shop.example.fr, FR", "www.example.co.uk, GB", "example.de., DE", "startup.io, ", "example.com, ",
            "example.co, ", "localhost, "})
    void aCountryCodeTldNamesTheCountryUnlessItIsSoldAsAGenericName(String host, String country) {
        assertThat(CountryLanguages.countryOfHost(host).orElse(null)).isEqualTo(country);
    }

    @Test
    void countriesAreTakenAsAlpha2OrAlpha3() {
        assertThat(CountryLanguages.normalizeCountry("fr")).contains("FR");
        assertThat(CountryLanguages.normalizeCountry("DEU")).contains("DE");
        assertThat(CountryLanguages.normalizeCountry("UK")).contains("GB");
        assertThat(CountryLanguages.normalizeCountry("France")).isEmpty();
    }

    @Test
    void aCountryGivesTheTemplateLanguageItsPeopleMostLikelyRead() {
        CountryLanguages languages = CountryLanguages.shipped();
        assertThat(languages.languageOf("BR")).contains(Language.PT);
        assertThat(languages.languageOf("CH")).contains(Language.DE);
        assertThat(languages.languageOf("MA")).contains(Language.FR);
        assertThat(languages.languageOf("EG")).contains(Language.AR);
        assertThat(languages.languageOf("AQ")).isEmpty();
    }

    @Test
    void aGivenCategoryIsKeptAsASlug() {
        assertThat(categorizer.categorize("Real Estate & Homes", "Cabinet Avocat", null, null))
                .isEqualTo(new Categorizer.Categorized("real-estate-homes", "given"));
    }

    @Test
    void withoutOneTheFirstCategoryWithAKeywordInCompanyOrUrlsWins() {
        assertThat(categorizer.categorize(null, "Cabinet d'Avocats Dupont", null, null).category()).isNull();
        assertThat(categorizer.categorize(null, "Cabinet Avocat Dupont", null, null))
                .isEqualTo(new Categorizer.Categorized("legal", "keyword"));
        assertThat(categorizer.categorize(null, null, "https://best-real-estate.example/about", null).category())
                .isEqualTo("real-estate");
        assertThat(categorizer.categorize(null, "Agence IMMOBILIÈRE", null, null).category()).as("a word, not a prefix").isNull();
        assertThat(categorizer.categorize(null, "AGENCE IMMOBILIÉR", null, null).category()).as("case and accents").isEqualTo("real-estate");
        assertThat(categorizer.categorize(null, "Agence Immobilier Lyon", null, null).category()).isEqualTo("real-estate");
        assertThat(categorizer.categorize(null, "Bakery", "https://bread.example", null))
                .isEqualTo(new Categorizer.Categorized(null, "none"));
    }
}
