package com.emailengine.core.templating;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.velocity.Template;

/**
 * Prepares a template version once: normalizes line ends, inlines CSS when the version asks, marks right-to-left
 * variants ({@code dir="rtl"} on the {@code <html>} element when the author did not set a direction), derives the
 * text part when there is none, refuses subjects and preheaders that are not one clean line ({@link HeaderText}), and
 * compiles every part in the {@link TemplateSandbox}. All problems of all parts are reported together. Thread-safe.
 */
public final class TemplateCompiler {

    private static final Pattern HTML_START = Pattern.compile("(?i)<html\\b([^>]*)>");

    private final TemplateSandbox sandbox;

    public TemplateCompiler(TemplateSandbox sandbox) {
        this.sandbox = sandbox;
    }

    public TemplateSandbox sandbox() {
        return sandbox;
    }

    public CompiledTemplate compile(TemplateVersion version) {
        List<TemplateProblem> problems = new ArrayList<>();
        Map<LanguageTag, CompiledTemplate.Variant> variants = new HashMap<>();
        for (TemplateVariant variant : version.content().variants()) {
            String lang = variant.language().value();
            String html = prepareHtml(variant, version.content().options());
            Template subject = compileHeader(lang + "/subject", variant.subject(), problems);
            Template preheader = variant.preheader() == null ? null : compileHeader(lang + "/preheader", variant.preheader(), problems);
            Template htmlTemplate = compile(lang + "/html", html, problems);
            Template text;
            boolean derived = variant.text() == null;
            if (derived) {
                String derivedSource = htmlTemplate == null ? null : HtmlToText.deriveTemplate(html);
                text = derivedSource == null ? null : compileQuietly(lang + "/text (derived)", derivedSource);
            } else {
                text = compile(lang + "/text", lines(variant.text()), problems);
            }
            variants.put(variant.language(), new CompiledTemplate.Variant(variant.language(), subject, preheader,
                    htmlTemplate, text, derived, html.length() + 512));
        }
        if (!problems.isEmpty()) {
            throw new InvalidTemplateException(problems);
        }
        return new CompiledTemplate(version, variants);
    }

    private static String prepareHtml(TemplateVariant variant, TemplateOptions options) {
        String html = lines(variant.html());
        if (options.inlineCss()) {
            html = CssInliner.inline(html);
        }
        if (variant.language().rightToLeft()) {
            Matcher start = HTML_START.matcher(html);
            if (start.find() && !start.group(1).toLowerCase(java.util.Locale.ROOT).contains("dir=")) {
                html = html.substring(0, start.end(1)) + " dir=\"rtl\"" + html.substring(start.end(1));
            } else if (!start.find(0)) {
                html = "<div dir=\"rtl\">" + html + "</div>";
            }
        }
        return html;
    }

    /** A subject or preheader: one line, checked before it is compiled ({@link HeaderText}). */
    private Template compileHeader(String part, String source, List<TemplateProblem> problems) {
        Optional<TemplateProblem> broken = HeaderText.check(part, source);
        if (broken.isPresent()) {
            problems.add(broken.get());
            return null;
        }
        return compile(part, source, problems);
    }

    private Template compile(String part, String source, List<TemplateProblem> problems) {
        try {
            return sandbox.compile(part, source);
        } catch (InvalidTemplateException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    /** A derived part that fails to compile falls back to converting each rendered HTML part. */
    private Template compileQuietly(String part, String source) {
        try {
            return sandbox.compile(part, source);
        } catch (InvalidTemplateException e) {
            return null;
        }
    }

    private static String lines(String text) {
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
