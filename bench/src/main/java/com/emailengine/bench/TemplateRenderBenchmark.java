package com.emailengine.bench;

import com.emailengine.core.templating.LanguageTag;
import com.emailengine.core.templating.MessageRenderer;
import com.emailengine.core.templating.RenderedContent;
import com.emailengine.core.templating.TemplateCompiler;
import com.emailengine.core.templating.TemplateContent;
import com.emailengine.core.templating.TemplateOptions;
import com.emailengine.core.templating.TemplateRef;
import com.emailengine.core.templating.TemplateSandbox;
import com.emailengine.core.templating.TemplateVariant;
import com.emailengine.core.templating.TemplateVersion;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Personalized renders per second on one core: a 5 KB HTML template with 10 variables (subject, preheader, HTML and
 * a text part), compiled once and cached, rendered for a different recipient each time (1,024 prepared recipients
 * with their own names, companies and links, as the scheduler hands them over). {@code textPart=derived} renders
 * the text part derived from the HTML at compile time; {@code written} a text part the author wrote.
 * Run: {@code bench/templates.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
public class TemplateRenderBenchmark {

    private static final LanguageTag FR = LanguageTag.of("fr");
    private static final TemplateRef REF = new TemplateRef("bench", "newsletter", 1);

    @Param({"derived", "written"})
    public String textPart;

    private MessageRenderer renderer;
    private final Map<String, Object>[] recipients = newArray(1024);
    private int next;

    @SuppressWarnings("unchecked")
    private static Map<String, Object>[] newArray(int size) {
        return new Map[size];
    }

    @Setup
    public void setUp() {
        String html = html();
        if (html.length() < 5_000 || html.length() > 5_600) {
            throw new IllegalStateException("the template should be about 5 KB, is " + html.length() + " characters");
        }
        String text = textPart.equals("written") ? "Bonjour ${contact.firstName},\n\n${contact.fields.company} à ${contact.fields.city}: "
                + "lisez la suite sur ${links.webVersion}.\n\nL'équipe ${tenant.name}\nSe désinscrire: ${links.unsubscribe}\n" : null;
        TemplateVersion version = new TemplateVersion(REF, new TemplateContent(FR, List.of(new TemplateVariant(FR,
                "${contact.firstName}, votre lettre de ${now.monthName}", "Les nouvelles de ${tenant.name} pour ${contact.fields.company}",
                html, text)), TemplateOptions.DEFAULT), Instant.EPOCH, "api", List.of());
        renderer = new MessageRenderer(ref -> Optional.of(version), new TemplateCompiler(new TemplateSandbox()), Clock.systemUTC());
        renderer.compiled(REF);
        for (int i = 0; i < recipients.length; i++) {
            recipients[i] = recipient(i);
        }
    }

    @Benchmark
    public RenderedContent personalizedRender() {
        Map<String, Object> variables = recipients[next++ & (recipients.length - 1)];
        return renderer.render(REF, FR, FR, variables, (String) ((Map<?, ?>) variables.get("contact")).get("id"));
    }

    /** Ten variables: first and last name, email, company, city, tenant name, two links, campaign name, date. */
    private static Map<String, Object> recipient(int i) {
        Map<String, Object> contact = new HashMap<>();
        contact.put("id", "c" + i);
        contact.put("firstName", i % 7 == 0 ? "" : "Prénom" + i);
        contact.put("lastName", "Nom-" + i);
        contact.put("email", "person" + i + "@example.test");
        contact.put("fields", Map.of("company", "Société & Fils " + i, "city", i % 2 == 0 ? "Lyon" : "Genève"));
        Map<String, Object> variables = new HashMap<>();
        variables.put("contact", contact);
        variables.put("tenant", Map.of("name", "SOS-Expat"));
        variables.put("campaign", Map.of("name", "Lettre " + (i % 3)));
        variables.put("links", Map.of("unsubscribe", "https://sos-expat.test/ee/unsubscribe/m" + i,
                "webVersion", "https://sos-expat.test/ee/view/m" + i));
        return variables;
    }

    private static String html() {
        StringBuilder rows = new StringBuilder();
        String[] topics = {"Logement", "Santé", "Fiscalité", "Banque", "Scolarité", "Visa", "Retraite", "Emploi", "Permis de conduire", "Assurance"};
        for (String topic : topics) {
            rows.append("""
                          <tr>
                            <td style="padding:12px 32px;font-size:16px;line-height:1.5;color:#1f2933;">
                              <h2 style="margin:0 0 8px;font-size:18px;">%s</h2>
                              <p style="margin:0;">Nos experts répondent aux questions que l'on se pose en s'installant à l'étranger : démarches, délais, coûts et pièges à éviter.</p>
                            </td>
                          </tr>
                    """.formatted(topic));
        }
        return """
                #if( $contact.firstName != "" )#set( $greeting = "Bonjour ${contact.firstName} ${contact.lastName}," )#{else}#set( $greeting = "Bonjour," )#{end}
                <!DOCTYPE html>
                <html lang="fr" dir="ltr">
                  <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Lettre</title></head>
                  <body style="margin:0;padding:0;background-color:#f4f5f7;">
                    <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f5f7;">
                      <tr><td align="center" style="padding:24px 12px;">
                        <table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;width:100%;background-color:#ffffff;border-radius:8px;font-family:Arial,Helvetica,sans-serif;">
                          <tr><td style="padding:32px 32px 8px;font-size:18px;font-weight:bold;">${greeting}</td></tr>
                          <tr><td style="padding:0 32px 16px;font-size:16px;line-height:1.5;">Voici la lettre « ${campaign.name} » de ${tenant.name}, préparée pour ${contact.fields.company} à ${contact.fields.city}, ce ${now.day}/${now.month}/${now.year}.</td></tr>
                """ + rows + """
                          <tr><td style="padding:16px 32px;"><a href="${links.webVersion}" style="display:inline-block;padding:12px 20px;background-color:#0b5fff;color:#ffffff;text-decoration:none;border-radius:6px;">Lire la lettre en ligne</a></td></tr>
                          <tr><td style="padding:16px 32px 32px;font-size:12px;line-height:1.5;color:#6b7785;">Vous recevez cet e-mail à ${contact.email} car vous êtes en contact avec ${tenant.name}. <a href="${links.unsubscribe}" style="color:#6b7785;">Se désinscrire</a></td></tr>
                        </table>
                      </td></tr>
                    </table>
                  </body>
                </html>
                """;
    }
}
