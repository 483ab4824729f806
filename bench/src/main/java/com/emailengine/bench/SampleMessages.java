package com.emailengine.bench;

import com.emailengine.core.delivery.OutboundMessage;
import java.time.Instant;

/** A rendered welcome message of typical size (about 4 KB composed: text and HTML parts, French accents). */
public final class SampleMessages {

    private SampleMessages() {
    }

    public static OutboundMessage welcome(long number) {
        String id = String.format("%032x", number);
        StringBuilder html = new StringBuilder("<html><body><h1>Bienvenue chez Bench, Zoé</h1>");
        StringBuilder text = new StringBuilder("Bienvenue chez Bench, Zoé\n\n");
        for (int i = 0; i < 12; i++) {
            html.append("<p>Paragraphe ").append(i).append(" : nous sommes ravis de vous compter parmi nous. Voici ce que vous ")
                    .append("pouvez faire dès aujourd'hui pour préparer votre expatriation sereinement.</p>");
            text.append("Paragraphe ").append(i).append(" : nous sommes ravis de vous compter parmi nous. Voici ce que vous ")
                    .append("pouvez faire dès aujourd'hui pour préparer votre expatriation sereinement.\n\n");
        }
        html.append("<p><a href=\"https://bench.test/u/").append(id).append("\">Se désabonner</a></p></body></html>");
        return new OutboundMessage(id, "bench", "welcome", 0, "contact-" + id, "zoe" + number + "@example.test", "hello@bench.test",
                "Bench", "b+" + id + "@bounces.bench.test", "Bienvenue, Zoé", html.toString(), text.toString(), "fr", Instant.now());
    }
}
