package com.emailengine.core.templating;

import com.emailengine.core.delivery.HeaderValues;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a template version for one recipient: picks the language variant ({@link LanguageChoice}), merges subject,
 * preheader, HTML and text in the {@link TemplateSandbox} under one {@link RenderLimits} budget, escapes every value
 * once in the HTML part (and keeps values from choosing a link's scheme), replaces line breaks that values bring into
 * the subject and preheader with spaces, hides the preheader at the top of the body, and hands templates {@code $spin} (random
 * content fixed per recipient), {@code $text} (filters) and {@code $now} (dates) next to the given variables.
 * Compiled versions are cached: versions are immutable, so a cached one is never stale. Thread-safe.
 */
public final class MessageRenderer {

    private static final int CACHE_LIMIT = 2_000;
    private static final DateTimeFormatter MAILWIZZ_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String PREHEADER_STYLE = "display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;"
            + "opacity:0;overflow:hidden;mso-hide:all;";

    private final TemplateLibrary library;
    private final TemplateCompiler compiler;
    private final Clock clock;
    private final Map<TemplateRef, CompiledTemplate> cache = new ConcurrentHashMap<>();
    /** {@code $now} per language, rebuilt when the minute changes: dates need no formatting on every render. */
    private final Map<LanguageTag, Now> nows = new ConcurrentHashMap<>();

    private record Now(long minute, Map<String, Object> values) {
    }

    public MessageRenderer(TemplateLibrary library, TemplateCompiler compiler, Clock clock) {
        this.library = library;
        this.compiler = compiler;
        this.clock = clock;
    }

    public MessageRenderer(TemplateLibrary library) {
        this(library, new TemplateCompiler(new TemplateSandbox()), Clock.systemUTC());
    }

    /** The compiled version, from the cache or compiled now; a clear error when the library has no such version. */
    public CompiledTemplate compiled(TemplateRef ref) {
        CompiledTemplate hit = cache.get(ref);
        if (hit != null) {
            return hit;
        }
        TemplateVersion version = library.find(ref)
                .orElseThrow(() -> new TemplateRenderException("template " + ref + " does not exist"));
        CompiledTemplate compiled;
        try {
            compiled = compiler.compile(version);
        } catch (InvalidTemplateException e) {
            throw new TemplateRenderException("template " + ref + " does not compile: " + e.getMessage(), e);
        }
        if (cache.size() >= CACHE_LIMIT) {
            cache.keySet().stream().findAny().ifPresent(cache::remove);
        }
        cache.put(ref, compiled);
        return compiled;
    }

    /**
     * @param contactLanguage the contact's language, or null
     * @param tenantDefault   the tenant's default language, or null
     * @param recipientSeed   what makes random content stable per recipient (the contact's id)
     */
    public RenderedContent render(TemplateRef ref, LanguageTag contactLanguage, LanguageTag tenantDefault,
                                  Map<String, Object> variables, String recipientSeed) {
        return render(compiled(ref), contactLanguage, tenantDefault, variables, recipientSeed);
    }

    /** A shipped template (module {@code templates}) by key. */
    public RenderedContent render(String key, Language preferred, Language tenantDefault, Map<String, Object> variables) {
        Object contact = variables.get("contact");
        String seed = contact instanceof Map<?, ?> map && map.get("email") != null ? map.get("email").toString() : key;
        return render(TemplateRef.shipped(key), LanguageTag.of(preferred), LanguageTag.of(tenantDefault), variables, seed);
    }

    public RenderedContent render(CompiledTemplate template, LanguageTag contactLanguage, LanguageTag tenantDefault,
                                  Map<String, Object> variables, String recipientSeed) {
        LanguageChoice choice = LanguageChoice.choose(language -> template.variant(language).isPresent(), contactLanguage,
                tenantDefault, template.defaultLanguage());
        CompiledTemplate.Variant variant = template.variant(choice.language()).orElseThrow();
        TemplateSandbox sandbox = compiler.sandbox();
        RenderBudget budget = sandbox.budget();
        TemplateRef ref = template.ref();

        Map<String, Object> context = new HashMap<>(variables);
        context.put("spin", new Spin(recipientSeed + "|" + ref.key() + "|" + ref.version()));
        context.put("text", TextFilters.INSTANCE);
        context.putIfAbsent("now", now(choice.language()));
        // The subject cannot name itself ([CAMPAIGN_SUBJECT] inside a MailWizz subject): it is empty until rendered.
        context.put("message", withGiven(variables, Map.of("subject", "", "preheader", "", "language", choice.language().value())));

        String subject = singleLine(sandbox.merge(variant.subject(), context, budget, 128, TemplateSandbox.Output.HEADER), ref, "subject");
        if (subject.isEmpty()) {
            throw new TemplateRenderException("template " + ref + " rendered an empty subject");
        }
        String preheader = variant.preheader() == null ? null
                : singleLine(sandbox.merge(variant.preheader(), context, budget, 128, TemplateSandbox.Output.HEADER), ref, "preheader");

        context.put("message", withGiven(variables, Map.of("subject", subject, "preheader", preheader == null ? "" : preheader,
                "language", choice.language().value())));

        // Every value is HTML-escaped for the HTML part, so contact data can never inject markup. Escaping the values
        // rather than each insertion keeps a value escaped exactly once, also when a template builds a string from it
        // first (#set( $greeting = "Hello $contact.firstName" )). Where a value lands in a URL attribute, the sandbox
        // also keeps it from choosing the scheme (UrlAttributeGuard).
        Map<String, Object> htmlContext = HtmlEscape.values(context);
        String html = sandbox.merge(variant.html(), htmlContext, budget, variant.expectedHtmlChars(), TemplateSandbox.Output.HTML);
        String text;
        if (variant.text() == null) {
            text = HtmlToText.convert(html);
        } else {
            text = sandbox.merge(variant.text(), context, budget, variant.expectedHtmlChars() / 3, TemplateSandbox.Output.TEXT);
            if (variant.textDerived()) {
                text = HtmlToText.tidy(text);
            }
        }
        if (preheader != null && !preheader.isEmpty()) {
            html = withPreheader(html, HtmlEscape.text(preheader));
        }
        return new RenderedContent(ref, choice, subject, preheader, html, text);
    }

    /** The caller's {@code $message} values (such as its id) with the renderer's own. */
    private static Map<String, Object> withGiven(Map<String, Object> variables, Map<String, Object> own) {
        Map<String, Object> message = new HashMap<>();
        if (variables.get("message") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> message.put(String.valueOf(k), v));
        }
        message.putAll(own);
        return message;
    }

    /**
     * What references insert is already cleaned of line breaks ({@link HeaderSafeWriter}) and the template's own text
     * was checked when saved ({@link HeaderText}); this is the assertion that nothing else made one.
     */
    private static String singleLine(String rendered, TemplateRef ref, String part) {
        String value = rendered.strip();
        int at = HeaderValues.firstForbidden(value);
        if (at >= 0) {
            throw new TemplateRenderException("template " + ref + " rendered a " + part + " with "
                    + HeaderValues.describe(value.charAt(at)));
        }
        return value;
    }

    /** The preheader as the first, hidden, element of the body, where inbox lists look for it. */
    static String withPreheader(String html, String escapedPreheader) {
        String hidden = "<div style=\"" + PREHEADER_STYLE + "\">" + escapedPreheader + "</div>";
        int body = indexOfIgnoreCase(html, "<body");
        if (body >= 0) {
            int end = html.indexOf('>', body);
            if (end > 0) {
                return html.substring(0, end + 1) + hidden + html.substring(end + 1);
            }
        }
        return hidden + html;
    }

    private static int indexOfIgnoreCase(String text, String needle) {
        for (int i = 0; i + needle.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    private Map<String, Object> now(LanguageTag language) {
        long minute = clock.millis() / 60_000;
        Now cached = nows.get(language);
        if (cached == null || cached.minute() != minute) {
            cached = new Now(minute, formatNow(language));
            nows.put(language, cached);
        }
        return cached.values();
    }

    private Map<String, Object> formatNow(LanguageTag language) {
        ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
        Locale locale = language.locale();
        Map<String, Object> values = new HashMap<>();
        values.put("year", Integer.toString(now.getYear()));
        values.put("month", String.format(Locale.ROOT, "%02d", now.getMonthValue()));
        values.put("day", String.format(Locale.ROOT, "%02d", now.getDayOfMonth()));
        values.put("date", MAILWIZZ_DATE.format(now));
        values.put("isoDate", now.toLocalDate().toString());
        values.put("datetime", DATETIME.format(now));
        values.put("monthName", now.getMonth().getDisplayName(TextStyle.FULL_STANDALONE, locale));
        return Map.copyOf(values);
    }
}
