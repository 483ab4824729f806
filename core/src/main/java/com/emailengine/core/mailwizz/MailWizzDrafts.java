package com.emailengine.core.mailwizz;

import com.emailengine.core.templating.InvalidTemplateException;
import com.emailengine.core.templating.TemplateContent;
import com.emailengine.core.templating.TemplateDraft;
import com.emailengine.core.templating.TemplateProblem;
import com.emailengine.core.templating.TemplateVariant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns template content written with MailWizz tags into a Velocity {@link TemplateDraft}, once, at save time.
 * A template using a tag the engine refuses is not converted: {@link InvalidTemplateException} names each such tag.
 * Tags that were converted but need a look (custom fields, English link texts, the empty postal address) become the
 * version's notes. Stateless.
 */
public final class MailWizzDrafts {

    /** The draft and every tag found, in order. */
    public record Converted(TemplateDraft draft, List<TagUse> tags) {
    }

    private MailWizzDrafts() {
    }

    public static Converted convert(String name, TemplateContent mailwizz, String origin) {
        MailWizzConverter converter = new MailWizzConverter();
        List<TagUse> uses = new ArrayList<>();
        List<TemplateProblem> refused = new ArrayList<>();
        List<TemplateVariant> variants = new ArrayList<>();
        for (TemplateVariant variant : mailwizz.variants()) {
            String lang = variant.language().value();
            String subject = part(converter, lang + "/subject", variant.subject(), uses, refused);
            String preheader = variant.preheader() == null ? null : part(converter, lang + "/preheader", variant.preheader(), uses, refused);
            String html = part(converter, lang + "/html", variant.html(), uses, refused);
            String text = variant.text() == null ? null : part(converter, lang + "/text", variant.text(), uses, refused);
            variants.add(new TemplateVariant(variant.language(), subject, preheader, html, text));
        }
        if (!refused.isEmpty()) {
            throw new InvalidTemplateException(refused);
        }
        Set<String> notes = new LinkedHashSet<>();
        for (TagUse use : uses) {
            if (use.needsAttention()) {
                notes.add(use.tag() + ": " + use.note());
            }
        }
        TemplateContent content = new TemplateContent(mailwizz.defaultLanguage(), variants, mailwizz.options());
        return new Converted(new TemplateDraft(name, content, origin, List.copyOf(notes)), List.copyOf(uses));
    }

    private static String part(MailWizzConverter converter, String part, String source, List<TagUse> uses,
                               List<TemplateProblem> refused) {
        MailWizzConverter.Conversion conversion = converter.convert(source);
        uses.addAll(conversion.tags());
        conversion.tags().stream().filter(t -> t.outcome() == TagUse.Outcome.UNSUPPORTED)
                .forEach(t -> refused.add(new TemplateProblem(part, 0, 0, t.tag() + " cannot be converted: " + t.note())));
        return conversion.velocity();
    }
}
