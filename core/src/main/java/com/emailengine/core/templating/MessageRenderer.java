package com.emailengine.core.templating;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.util.introspection.SecureUberspector;

/**
 * Renders templates with Apache Velocity in strict mode (an undefined reference fails the render
 * instead of printing {@code $contact.firstName}) with the secure uberspector and no resource loader,
 * so a template can reach neither classes nor files. Compiled templates are cached.
 *
 * <p>Language chain: the contact's language, then the tenant's default, then English; the variant
 * used is reported. Thread-safe.
 */
public final class MessageRenderer {

    private final TemplateLibrary library;
    private final RuntimeInstance velocity;
    private final Map<String, Compiled> cache = new ConcurrentHashMap<>();

    private record Compiled(TemplateSource source, Template subject, Template html, Template text) {
    }

    public MessageRenderer(TemplateLibrary library) {
        this.library = library;
        this.velocity = new RuntimeInstance();
        Properties properties = new Properties();
        properties.setProperty("runtime.strict_mode.enable", "true");
        properties.setProperty("introspector.uberspect.class", SecureUberspector.class.getName());
        // A loader that finds nothing: #include and #parse have nothing to read from.
        properties.setProperty("resource.loaders", "none");
        properties.setProperty("resource.loader.none.class", NoResourceLoader.class.getName());
        properties.setProperty("directive.foreach.max_loops", "1000");
        properties.setProperty("parser.space_gobbling", "lines");
        velocity.init(properties);
    }

    public RenderedContent render(String key, Language preferred, Language tenantDefault, Map<String, Object> variables) {
        Compiled compiled = compiled(key, preferred, tenantDefault);
        VelocityContext context = new VelocityContext(new java.util.HashMap<>(variables));
        // The HTML part sees every value HTML-escaped, so contact data can never inject markup. Escaping the
        // values rather than each insertion keeps a value escaped exactly once, also when a template builds
        // a string from it first (#set( $greeting = "Hello $contact.firstName" )).
        VelocityContext htmlContext = new VelocityContext(HtmlEscape.values(variables));
        String subject = merge(compiled.subject(), context, key).strip();
        if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            throw new TemplateRenderException("template " + key + " rendered a subject with a line break");
        }
        if (subject.isEmpty()) {
            throw new TemplateRenderException("template " + key + " rendered an empty subject");
        }
        String html = merge(compiled.html(), htmlContext, key);
        String text = compiled.text() == null ? HtmlToText.convert(html) : merge(compiled.text(), context, key);
        return new RenderedContent(key, compiled.source().language(), subject, html, text);
    }

    private Compiled compiled(String key, Language preferred, Language tenantDefault) {
        List<Language> chain = new ArrayList<>(List.of(preferred, tenantDefault, Language.EN));
        for (Language language : chain) {
            Compiled hit = cache.computeIfAbsent(key + "/" + language.code(),
                    k -> library.find(key, language).map(this::compile).orElse(null));
            if (hit != null) {
                return hit;
            }
        }
        throw new TemplateRenderException("template " + key + " has no variant in " + chain);
    }

    private Compiled compile(TemplateSource source) {
        String name = source.key() + "/" + source.language().code();
        return new Compiled(source, compile(name + "/subject", source.subject()), compile(name + "/html", source.html()),
                source.text() == null ? null : compile(name + "/text", source.text()));
    }

    private Template compile(String name, String text) {
        Template template = new Template();
        template.setName(name);
        template.setRuntimeServices(velocity);
        try {
            template.setData(velocity.parse(new StringReader(text), template));
        } catch (ParseException e) {
            throw new TemplateRenderException("template " + name + " line " + e.currentToken.beginLine
                    + " column " + e.currentToken.beginColumn + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        template.initDocument();
        return template;
    }

    private static String merge(Template template, VelocityContext context, String key) {
        StringWriter out = new StringWriter();
        try {
            template.merge(context, out);
        } catch (VelocityException e) {
            throw new TemplateRenderException("template " + key + " cannot be rendered: " + e.getMessage(), e);
        }
        return out.toString();
    }
}
