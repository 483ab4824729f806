package com.emailengine.bench.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic mix of addresses shaped like a scraper's output: mostly plain valid ones at big providers and
 * company domains, some role accounts, disposable and misspelt domains, internationalized ones, and broken ones.
 */
final class SampleAddresses {

    private static final String[] NAMES = {"marie", "jean.dupont", "anna-lena", "j.smith", "contact", "info", "o'brien",
            "li.wei", "maria_garcia", "kontakt", "sales+eu", "zoé", "δοκιμή", "用户", "jo..hn", "\"quoted\"", "no at sign"};
    private static final String[] DOMAINS = {"gmail.com", "outlook.fr", "yahoo.fr", "orange.fr", "cabinet-martin.fr",
            "example-company.de", "studio.co.uk", "mailinator.com", "gmial.com", "bücher.de", "例子.广告", "localhost",
            "sub.domain.example-shop.es", "xn--mnchen-3ya.de", "firm.invalid"};

    private SampleAddresses() {
    }

    static List<String> generate(int count, long seed) {
        Random random = new Random(seed);
        List<String> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = random.nextInt(100) < 85 ? NAMES[random.nextInt(8)] : NAMES[random.nextInt(NAMES.length)];
            String domain = DOMAINS[random.nextInt(10) < 7 ? random.nextInt(7) : random.nextInt(DOMAINS.length)];
            addresses.add(name.contains("no at") ? name + i : name + i + "@" + domain);
        }
        return addresses;
    }
}
