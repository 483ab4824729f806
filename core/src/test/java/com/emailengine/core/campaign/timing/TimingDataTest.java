package com.emailengine.core.campaign.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The shipped data files hold together: every zone exists, every country is known, nothing is left out. */
class TimingDataTest {

    /** ISO 3166-1 countries without a zone of their own in the tz database (uninhabited). */
    private static final Set<String> WITHOUT_ZONE = Set.of("BV", "HM");

    @Test
    void everyZoneOfTheCountryTableIsATimeZoneOfThisJdk() {
        for (DataFile.Row row : DataFile.resource("countries.tsv").rows()) {
            assertThatCode(() -> ZoneId.of(row.column(1))).as("countries.tsv line %d", row.line()).doesNotThrowAnyException();
        }
    }

    @Test
    void everyZoneOfTheCallingCodeTableIsATimeZoneOfThisJdk() {
        for (DataFile.Row row : DataFile.resource("calling-codes.tsv").rows()) {
            if (!row.column(2).isEmpty()) {
                assertThatCode(() -> ZoneId.of(row.column(2))).as("calling-codes.tsv line %d", row.line())
                        .doesNotThrowAnyException();
            }
        }
    }

    @Test
    void everyIsoCountryWithAZoneIsListedAndNothingElse() {
        Set<String> iso = new TreeSet<>(Arrays.asList(Locale.getISOCountries()));
        iso.removeAll(WITHOUT_ZONE);

        assertThat(new TreeSet<>(Countries.shipped().codes())).isEqualTo(iso);
    }

    @Test
    void everyCountryOfTheOtherTablesIsInTheCountryTable() {
        Set<String> countries = Countries.shipped().codes();

        assertThat(CallingCodes.shipped().entries().values()).allSatisfy(code -> assertThat(countries).contains(code.country()));
        assertThat(countries).containsAll(Holidays.shipped().countries());
    }

    @Test
    void aMultiZoneCountryHasTheZoneOfMostOfItsPeople() {
        Countries countries = Countries.shipped();

        assertThat(countries.zoneOf("US")).contains(ZoneId.of("America/New_York"));
        assertThat(countries.zoneOf("RU")).contains(ZoneId.of("Europe/Moscow"));
        assertThat(countries.zoneOf("BR")).contains(ZoneId.of("America/Sao_Paulo"));
        assertThat(countries.zoneOf("AU")).contains(ZoneId.of("Australia/Sydney"));
        assertThat(countries.zoneOf("CA")).contains(ZoneId.of("America/Toronto"));
        assertThat(countries.zoneOf("MX")).contains(ZoneId.of("America/Mexico_City"));
        assertThat(countries.zoneOf("ID")).contains(ZoneId.of("Asia/Jakarta"));
        assertThat(countries.zoneOf("CN")).contains(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void aBadLineIsReportedWithItsFileAndNumber() {
        DataFile file = DataFile.parse("countries.tsv", "# header\nFR\tEurope/Paris\tsat,sun\nXX\tMars/Base\tsat,sun\n");

        assertThatThrownBy(() -> Countries.parse(file)).hasMessageStartingWith("countries.tsv line 3: 'Mars/Base'");
    }

    @Test
    void aBadWeekendIsReportedWithItsLine() {
        DataFile file = DataFile.parse("countries.tsv", "FR\tEurope/Paris\tsat,sunday\n");

        assertThatThrownBy(() -> Countries.parse(file)).hasMessageStartingWith("countries.tsv line 1: 'sat,sunday'");
    }

    @Test
    void aBadCallingCodeIsReportedWithItsLine() {
        DataFile file = DataFile.parse("calling-codes.tsv", "33\tFR\n033\tFR\n");

        assertThatThrownBy(() -> CallingCodes.parse(file)).hasMessageStartingWith("calling-codes.tsv line 2: '033'");
    }
}
