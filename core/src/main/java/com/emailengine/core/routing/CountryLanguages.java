package com.emailengine.core.routing;

import com.emailengine.core.templating.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which template language a contact from a country reads ({@code country-languages.txt} beside this class), and
 * which country a domain's top-level label stands for. Country-code TLDs that are sold as generic names
 * ({@code .io}, {@code .co}, {@code .tv}, {@code .me}, …) say nothing about a country and are ignored; {@code .uk} is
 * GB. Immutable, thread-safe.
 */
public final class CountryLanguages {

    /** ccTLDs marketed worldwide as generic names, so they tell nothing about where a business is. */
    static final Set<String> VANITY_TLDS = Set.of("io", "co", "tv", "me", "ai", "ly", "fm", "to", "ws", "cc", "gg",
            "la", "am", "so", "sh", "ac", "im", "nu", "ms", "gd", "vc", "tk", "ml", "ga", "cf", "gq");
    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Map<String, String> ALPHA3 = alpha3();

    private final Map<String, Language> byCountry;

    public CountryLanguages(Map<String, Language> byCountry) {
        this.byCountry = Map.copyOf(byCountry);
    }

    public static CountryLanguages shipped() {
        return Shipped.INSTANCE;
    }

    private static final class Shipped {
        static final CountryLanguages INSTANCE = read();

        private static CountryLanguages read() {
            try (InputStream in = CountryLanguages.class.getResourceAsStream("country-languages.txt")) {
                if (in == null) {
                    throw new IllegalStateException("country-languages.txt is missing from the classpath");
                }
                Map<String, Language> map = new HashMap<>();
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String entry = line.strip();
                    if (entry.isEmpty() || entry.startsWith("#")) {
                        continue;
                    }
                    String[] parts = entry.split("\\s+");
                    if (parts.length != 2 || !ISO_COUNTRIES.contains(parts[0]) || Language.fromTag(parts[1]).isEmpty()) {
                        throw new IllegalStateException("country-languages.txt: '" + entry + "' is not '<ISO country> <language>'");
                    }
                    map.put(parts[0], Language.fromTag(parts[1]).orElseThrow());
                }
                return new CountryLanguages(map);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public Optional<Language> languageOf(String country) {
        return country == null ? Optional.empty() : Optional.ofNullable(byCountry.get(country));
    }

    /** The ISO alpha-2 code of a country given as alpha-2 or alpha-3, in any case; empty when it is neither. */
    public static Optional<String> normalizeCountry(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String upper = text.strip().toUpperCase(Locale.ROOT);
        if (upper.equals("UK")) {
            return Optional.of("GB");
        }
        if (upper.length() == 2 && ISO_COUNTRIES.contains(upper)) {
            return Optional.of(upper);
        }
        return Optional.ofNullable(ALPHA3.get(upper));
    }

    /** The country a host name's top-level label stands for ({@code shop.example.fr} → FR), if any. */
    public static Optional<String> countryOfHost(String host) {
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        String tld = name.substring(name.lastIndexOf('.') + 1);
        if (tld.length() != 2 || VANITY_TLDS.contains(tld) || !name.contains(".")) {
            return Optional.empty();
        }
        return normalizeCountry(tld);
    }

    private static Map<String, String> alpha3() {
        Map<String, String> map = new HashMap<>();
        for (String country : Locale.getISOCountries()) {
            try {
                map.put(Locale.of("", country).getISO3Country(), country);
            } catch (java.util.MissingResourceException e) {
                // a code without an alpha-3 form
            }
        }
        return Map.copyOf(map);
    }
}
