package com.emailengine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A deterministic set of demo contacts across tenants, languages and mailbox providers. */
final class DemoContacts {

    /** One contact as the demo posts it. */
    record DemoContact(String tenant, String email, String firstName, String language) {

        String json() {
            return "{\"email\":\"" + email + "\",\"first_name\":\"" + firstName + "\",\"language\":\"" + language
                    + "\",\"source\":\"demo-scraper\",\"tenant\":\"" + tenant + "\"}";
        }
    }

    private record Person(String firstName, String asciiName, String language) {
    }

    private static final List<Person> PEOPLE = List.of(
            new Person("Zoé", "zoe", "fr"), new Person("Emma", "emma", "en"), new Person("Lucía", "lucia", "es"),
            new Person("Lena", "lena", "de"), new Person("Giulia", "giulia", "it"), new Person("João", "joao", "pt"),
            new Person("Sanne", "sanne", "nl"), new Person("ليلى", "layla", "ar"), new Person("李娜", "lina", "zh"),
            new Person("Lucas", "lucas", "fr"), new Person("Oliver", "oliver", "en"), new Person("Mateo", "mateo", "es"));
    private static final List<String> DOMAINS = List.of("gmail.test", "outlook.test", "yahoo.test", "example.test",
            "hotmail.test", "googlemail.test");

    private DemoContacts() {
    }

    static List<DemoContact> generate(int count, List<String> tenants, String runTag) {
        List<DemoContact> contacts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Person person = PEOPLE.get(i % PEOPLE.size());
            String email = person.asciiName() + "." + runTag + "." + (i + 1) + "@" + DOMAINS.get(i % DOMAINS.size());
            contacts.add(new DemoContact(tenants.get(i % tenants.size()), email.toLowerCase(Locale.ROOT),
                    person.firstName(), person.language()));
        }
        return contacts;
    }
}
