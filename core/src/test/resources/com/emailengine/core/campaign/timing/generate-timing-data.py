#!/usr/bin/python3
"""Writes countries.tsv and calling-codes.tsv of com.emailengine.core.campaign.timing from public data.

Not run by the build: the generated files are committed, reviewed as a diff, and checked by TimingDataTest.
Run it again when the tz database, CLDR or libphonenumber bring something new:

    apt-get install tzdata unicode-cldr-core python3-phonenumbers
    python3 generate-timing-data.py core/src/main/resources/com/emailengine/core/campaign/timing

Inputs (all public domain or freely licensed, read from the Debian packages named above):
- the tz database's zone.tab and iso3166.tab (public domain): which zones each ISO 3166-1 country has;
- CLDR's supplementalData.xml, <weekData> weekendStart/weekendEnd (Unicode licence): each country's weekend;
- libphonenumber's metadata as packaged by python3-phonenumbers (Apache-2.0): country calling codes, the regions
  sharing one, and the NANP area-code -> time zone map.
The choices made by hand (the representative zone of a multi-zone country, weekend corrections) are the tables
below, each with its reason; they are copied into the files' headers.
"""
import re
import sys
import xml.etree.ElementTree as ElementTree

import phonenumbers
from phonenumbers import tzdata

ZONE_TAB = "/usr/share/zoneinfo/zone.tab"
ISO_TAB = "/usr/share/zoneinfo/iso3166.tab"
CLDR = "/usr/share/unicode/cldr/common/supplemental/supplementalData.xml"

# Multi-zone countries: the zone most of the population lives in (city or region populations, rounded).
REPRESENTATIVE = {
    "AQ": ("Antarctica/McMurdo", "largest station"),
    "AR": ("America/Argentina/Buenos_Aires", "Buenos Aires region"),
    "AU": ("Australia/Sydney", "NSW, VIC, ACT, TAS keep Sydney's rules: about 60%"),
    "BR": ("America/Sao_Paulo", "Brasilia time: south, southeast, most of the northeast, about 90%"),
    "CA": ("America/Toronto", "Ontario and Quebec: about 60%"),
    "CD": ("Africa/Lubumbashi", "the eastern provinces (Katanga, the Kasais, the Kivus, Orientale, Maniema) outnumber"
                                " the western ones around Kinshasa"),
    "CL": ("America/Santiago", "all but Magallanes, Aysen and Easter Island"),
    "CN": ("Asia/Shanghai", "the one legal time"),
    "CY": ("Asia/Nicosia", "the Republic of Cyprus"),
    "DE": ("Europe/Berlin", "Busingen is one village"),
    "EC": ("America/Guayaquil", "the mainland"),
    "ES": ("Europe/Madrid", "the peninsula; the Canaries are about 5%"),
    "FM": ("Pacific/Chuuk", "Chuuk is the most populous state"),
    "GL": ("America/Nuuk", "Nuuk and the west coast"),
    "ID": ("Asia/Jakarta", "Java and Sumatra: about 75%"),
    "KI": ("Pacific/Tarawa", "South Tarawa holds half the people"),
    "KZ": ("Asia/Almaty", "one offset (UTC+5) nationwide since 2024; Almaty is the largest city"),
    "MH": ("Pacific/Majuro", "Majuro holds half the people"),
    "MN": ("Asia/Ulaanbaatar", "all but the western aimags"),
    "MX": ("America/Mexico_City", "central time: about 75%"),
    "MY": ("Asia/Kuala_Lumpur", "the peninsula; Sabah and Sarawak keep the same offset"),
    "NZ": ("Pacific/Auckland", "all but the Chatham Islands"),
    "PF": ("Pacific/Tahiti", "the Society Islands"),
    "PG": ("Pacific/Port_Moresby", "all but Bougainville"),
    "PS": ("Asia/Hebron", "the West Bank is more populous than Gaza"),
    "PT": ("Europe/Lisbon", "the mainland and Madeira"),
    "RU": ("Europe/Moscow", "Moscow time: about 70%"),
    "UA": ("Europe/Kyiv", "all but Crimea"),
    "UM": ("Pacific/Wake", "Wake Island's staff outnumber Midway's"),
    "US": ("America/New_York", "Eastern time: about 47%, the largest share"),
    "UZ": ("Asia/Tashkent", "Tashkent and the east"),
}

# CLDR is the source of the weekend; these are the corrections we are sure of (the official rest days of the
# government and of most employers), with the year the current rule started.
WEEKEND_CORRECTIONS = {
    "BD": ("fri,sat", "Bangladesh: Friday and Saturday since 2009"),
    "BN": ("fri,sun", "Brunei: Friday and Sunday"),
    "MV": ("fri,sat", "Maldives: Friday and Saturday"),
    "NP": ("sat", "Nepal: Saturday only (the Sunday holiday tried from May 2022 was withdrawn in June 2022)"),
}

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

# Calling-code regions that are not ISO 3166-1 codes, and the ISO country that covers them.
NON_ISO_REGIONS = {"AC": "SH", "TA": "SH"}  # Ascension, Tristan da Cunha: Saint Helena, Ascension and Tristan da Cunha
NOT_COVERED_REGIONS = {"XK": "Kosovo has no ISO 3166-1 code nor tz zone of its own", "001": "non-geographic"}

# NANP area codes that libphonenumber maps to two zones: the zone of most of the subscribers.
NANP_AMBIGUOUS = {
    "1480": "America/Phoenix", "1520": "America/Phoenix", "1602": "America/Phoenix", "1928": "America/Phoenix",
    "1605": "America/Chicago", "1701": "America/Chicago", "1709": "America/St_Johns", "1775": "America/Los_Angeles",
    "1907": "America/Anchorage", "1986": "America/Boise",
}


def read_tab(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]


def weekend_from_cldr():
    root = ElementTree.parse(CLDR).getroot()
    starts, ends = {}, {}
    for element in root.iter("weekendStart"):
        for territory in element.get("territories").split():
            starts[territory] = element.get("day")
    for element in root.iter("weekendEnd"):
        for territory in element.get("territories").split():
            ends[territory] = element.get("day")

    def weekend(country):
        start, end = starts.get(country, starts["001"]), ends.get(country, ends["001"])
        days, i = [], DAYS.index(start)
        while True:
            days.append(DAYS[i])
            if DAYS[i] == end:
                return ",".join(days)
            i = (i + 1) % 7
    return weekend


def countries(out):
    names = {row[0]: row[1] for row in read_tab(ISO_TAB)}
    zones = {}
    for row in read_tab(ZONE_TAB):
        zones.setdefault(row[0], []).append(row[2])
    weekend = weekend_from_cldr()
    lines = []
    for country in sorted(zones):
        if len(zones[country]) > 1:
            zone, _ = REPRESENTATIVE[country]
            assert zone in zones[country], country
        else:
            zone = zones[country][0]
        days = WEEKEND_CORRECTIONS.get(country, (weekend(country),))[0]
        lines.append(f"{country}\t{zone}\t{days}\t{names[country]}")
    with open(f"{out}/countries.tsv", "w", encoding="utf-8") as f:
        f.write(COUNTRIES_HEADER)
        for country, (zone, why) in sorted(REPRESENTATIVE.items()):
            f.write(f"#   {country} {zone}: {why}\n")
        f.write("# Weekend corrections to CLDR 41:\n")
        for country, (days, why) in sorted(WEEKEND_CORRECTIONS.items()):
            f.write(f"#   {country} {days}: {why}\n")
        f.write("# Not listed: " + ", ".join(sorted(set(names) - set(zones))) + " (no zone in the tz database).\n")
        f.write("\n".join(lines) + "\n")
    return set(zones)


def expand(leading_digits, limit=6):
    """The shortest digit strings that the leading-digits pattern matches in full."""
    pattern = re.compile(f"(?:{leading_digits})")
    found = []
    for length in range(1, limit + 1):
        for n in range(10 ** length):
            digits = str(n).zfill(length)
            if pattern.fullmatch(digits) and not any(digits.startswith(f) for f in found):
                found.append(digits)
    return found


def calling_codes(out, iso_countries):
    lines = []
    for code, regions in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items()):
        if code == 1:
            continue
        main = NON_ISO_REGIONS.get(regions[0], regions[0])
        if main in NOT_COVERED_REGIONS:
            continue
        assert main in iso_countries, (code, main)
        lines.append((str(code), main, ""))
        for region in regions[1:]:
            country = NON_ISO_REGIONS.get(region, region)
            leading = phonenumbers.PhoneMetadata.metadata_for_region(region).leading_digits
            if leading and country in iso_countries and country != main:
                for digits in expand(leading):
                    lines.append((f"{code}{digits}", country, ""))
    lines.extend(nanp(iso_countries))
    with open(f"{out}/calling-codes.tsv", "w", encoding="utf-8") as f:
        f.write(CALLING_CODES_HEADER.replace("@VERSION@", phonenumbers.__version__))
        for prefix, country, zone in sorted(lines, key=lambda line: (line[0][:1], line[0])):
            f.write(f"{prefix}\t{country}\t{zone}".rstrip("\t") + "\n")


def nanp(iso_countries):
    data = tzdata.TIMEZONE_DATA
    resolved, lines = {}, []
    for prefix in sorted((k for k in data if k.startswith("1") and len(k) >= 4), key=lambda k: (len(k), k)):
        zones = data[prefix]
        zone = zones[0] if len(zones) == 1 else NANP_AMBIGUOUS.get(prefix)
        if len(prefix) == 4:
            region = phonenumbers.region_code_for_number(phonenumbers.parse(f"+{prefix}2345678"))
            assert region in iso_countries, prefix
            resolved[prefix] = (region, zone)
            lines.append((prefix, region, zone or ""))
            continue
        parent = next((resolved[prefix[:n]] for n in range(len(prefix) - 1, 3, -1) if prefix[:n] in resolved), None)
        if parent is None:
            continue
        resolved[prefix] = (parent[0], zone or parent[1])
        if zone and zone != parent[1]:
            lines.append((prefix, parent[0], zone))
    return lines


COUNTRIES_HEADER = """\
# Country -> representative time zone and weekend, read by Countries (com.emailengine.core.campaign.timing).
# Generated by generate-timing-data.py (core/src/test/resources/com/emailengine/core/campaign/timing); edit the
# script's tables, not this file.
# Columns (tab-separated): ISO 3166-1 alpha-2 code, IANA zone, weekend days, English name (for readers only).
# Countries: every ISO 3166-1 code that has a zone in the tz database's zone.tab (tzdata 2025b).
# Zone: the country's only zone, or for a multi-zone country the zone of the largest population share (below).
# Weekend: CLDR 41 supplementalData <weekData> weekendStart..weekendEnd (Saturday-Sunday unless CLDR says other;
# it has the UAE on Saturday-Sunday since 2022, Saudi Arabia, Israel, Egypt and the Gulf on Friday-Saturday,
# Iran on Friday, Afghanistan on Thursday-Friday, India and Uganda on Sunday), with the corrections listed below.
# Where a country's rest days differ by region or sector (Malaysia's Kedah, Kelantan, Terengganu rest on
# Friday-Saturday; India's many Saturday-off offices), the national rule is kept. Iran keeps CLDR's Friday: the
# Majlis voted a Thursday-Friday weekend for government offices in 2025, pending the Guardian Council when written.
# Representative zones of multi-zone countries:
"""

CALLING_CODES_HEADER = """\
# International calling code prefix -> country, and for NANP area codes the zone; read by CallingCodes.
# Generated by generate-timing-data.py from libphonenumber's metadata (python3-phonenumbers @VERSION@, Apache-2.0):
# edit the script, not this file.
# Columns (tab-separated): digits after the international prefix (+ or 00), ISO 3166-1 country, optional IANA zone.
# The longest prefix matching a number's digits wins. A line without a zone means the country's representative
# zone (countries.tsv).
# Shared codes are split where libphonenumber knows the leading digits (+7 6/7 Kazakhstan, +262 269/63 Mayotte,
# +39 06698 Vatican, ...); otherwise the code's main country is taken (+44 for Guernsey and Jersey,
# +61 for Cocos and Christmas Islands, +590 for Saint Barthelemy and Saint Martin).
# +1 has no line of its own: a NANP number answers only through its area code (1 + three digits: the country and
# the zone), refined by exchange (1 + six digits) where libphonenumber puts an exchange in another zone than its
# area code. Area codes libphonenumber maps to two zones take the zone of most subscribers (the script's
# NANP_AMBIGUOUS). Toll-free, premium and unknown area codes match nothing, so the next clue decides.
# Not covered: non-geographic codes (+800, +808, +870, +881-883, +888, +979) and Kosovo (+383, no ISO code).
"""

if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else "."
    calling_codes(target, countries(target))
