package com.emailengine.functions.templating;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.emailengine.core.api.Rejection;
import com.emailengine.core.contact.EmailAddress;
import com.emailengine.core.contact.InvalidEmailAddressException;
import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.core.delivery.OutboundQueue;
import com.emailengine.core.delivery.ReturnPath;
import com.emailengine.core.delivery.TestSendGate;
import com.emailengine.core.mailwizz.ExportContents;
import com.emailengine.core.mailwizz.MailWizzDrafts;
import com.emailengine.core.mailwizz.MailWizzExportReader;
import com.emailengine.core.mailwizz.MailWizzImport;
import com.emailengine.core.templating.InvalidTemplateException;
import com.emailengine.core.templating.LanguageTag;
import com.emailengine.core.templating.MessageRenderer;
import com.emailengine.core.templating.MessageVariables;
import com.emailengine.core.templating.RenderedContent;
import com.emailengine.core.templating.TemplateCatalog;
import com.emailengine.core.templating.TemplateContent;
import com.emailengine.core.templating.TemplateDraft;
import com.emailengine.core.templating.TemplateProblem;
import com.emailengine.core.templating.TemplateRecord;
import com.emailengine.core.templating.TemplateRef;
import com.emailengine.core.templating.TemplateRenderException;
import com.emailengine.core.templating.TemplateVersion;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.functions.runtime.ApiHandler;
import com.emailengine.functions.runtime.ApiRefusal;
import com.emailengine.functions.runtime.ApiRequests;
import com.emailengine.functions.runtime.Callers;
import com.emailengine.functions.runtime.FunctionDependencies;
import com.emailengine.functions.runtime.HttpResponses;
import com.emailengine.functions.runtime.TenantScope;
import com.emailengine.platform.api.ApiOperation;
import com.emailengine.platform.api.RouteTable;
import com.emailengine.platform.runtime.Log;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/**
 * Templates API v2, per tenant ({@code /api/v2/tenants/{tenant}/...}): create, list, read (latest or a version), add
 * a version, delete (soft), preview (render with sample or given contact data), test-send (render and queue to the
 * tenant's outbound queue, so the fleet delivers it as any campaign message), and the MailWizz import. Templates are
 * Velocity, or MailWizz ({@code "syntax":"mailwizz"}) converted once on save. Errors: the API's one error shape;
 * template syntax errors list each problem with part, line and column.
 */
public final class TemplatesApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, ApiHandler {

    /** Bodies above this are refused before parsing (a template part is at most 512 KB; a zip of several may be more). */
    static final int MAX_BODY_BYTES = 6 * 1024 * 1024;

    private final TemplateCatalog catalog;
    private final MessageRenderer renderer;
    private final MailWizzImport mailWizzImport;
    private final OutboundQueue outbound;
    private final TestSendGate testSends;
    private final TenantScope scope;
    private final Clock clock;
    private final Map<ApiOperation, Endpoint> endpoints;

    public TemplatesApiHandler() {
        this(FunctionDependencies.environment());
    }

    public TemplatesApiHandler(FunctionDependencies dependencies) {
        this.catalog = dependencies.templateCatalog();
        this.renderer = dependencies.renderer();
        this.mailWizzImport = dependencies.mailWizzImport();
        this.outbound = dependencies.outboundQueue();
        this.testSends = dependencies.testSendGate();
        this.scope = new TenantScope(new Callers(dependencies.names()), dependencies.config().tenants());
        this.clock = dependencies.clock();
        Map<ApiOperation, Endpoint> byOperation = new EnumMap<>(ApiOperation.class);
        byOperation.put(ApiOperation.CREATE_TEMPLATE, (tenant, path, event) -> create(tenant, event));
        byOperation.put(ApiOperation.LIST_TEMPLATES, (tenant, path, event) -> list(tenant, event));
        byOperation.put(ApiOperation.GET_TEMPLATE, (tenant, path, event) -> read(tenant, path.get("key"),
                version(query(event, "version"))));
        byOperation.put(ApiOperation.DELETE_TEMPLATE, (tenant, path, event) -> delete(tenant, path.get("key")));
        byOperation.put(ApiOperation.ADD_TEMPLATE_VERSION, (tenant, path, event) -> addVersion(tenant, path.get("key"), event));
        byOperation.put(ApiOperation.GET_TEMPLATE_VERSION, (tenant, path, event) -> read(tenant, path.get("key"),
                version(path.get("version"))));
        byOperation.put(ApiOperation.PREVIEW_TEMPLATE, (tenant, path, event) -> preview(tenant, path.get("key"), event));
        byOperation.put(ApiOperation.TEST_SEND_TEMPLATE, (tenant, path, event) -> testSend(tenant, path.get("key"), event));
        byOperation.put(ApiOperation.IMPORT_MAILWIZZ, (tenant, path, event) -> importMailWizz(tenant, event));
        this.endpoints = Map.copyOf(byOperation);
    }

    /** One operation of the API, for a tenant that exists. */
    @FunctionalInterface
    private interface Endpoint {
        APIGatewayV2HTTPResponse serve(Tenant tenant, Map<String, String> path, APIGatewayV2HTTPEvent event);
    }

    /** The operations this handler serves; {@link RouteTable} routes exactly these to the templates function. */
    @Override
    public Set<ApiOperation> operations() {
        return endpoints.keySet();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = ApiRequests.requestId(event);
        Map<String, String> path = event.getPathParameters() == null ? Map.of() : event.getPathParameters();
        try {
            Endpoint endpoint = RouteTable.find(event.getRouteKey()).map(route -> endpoints.get(route.operation()))
                    .orElseThrow(() -> new ApiRefusal(new Rejection(404, "unknown_route", null, null,
                            "no such route: " + event.getRouteKey())));
            Tenant tenant = scope.of(event).tenant();
            String key = path.get("key");
            if (key != null && !TemplateRef.isValidKey(key)) {
                // No template can have such a key: answered here, before any use case builds a reference from it.
                throw new ApiRefusal(new Rejection(404, "template_not_found", null, "key", "no template '" + key + "'"));
            }
            return endpoint.serve(tenant, path, event);
        } catch (ApiRefusal refusal) {
            return HttpResponses.error(refusal.rejection(), requestId, refusal.more());
        } catch (TemplateJson.BadField bad) {
            return HttpResponses.error(bad.missing ? Rejection.missingField(bad.field) : Rejection.invalidField(bad.field, bad.getMessage()), requestId);
        } catch (InvalidTemplateException invalid) {
            return invalidTemplate(invalid, requestId);
        } catch (TemplateCatalog.NotFound notFound) {
            return HttpResponses.error(new Rejection(404, "template_not_found", null, "key", notFound.getMessage()), requestId);
        } catch (TemplateCatalog.Conflict conflict) {
            return HttpResponses.error(new Rejection(409, "template_conflict", null, "key", conflict.getMessage()), requestId);
        } catch (TemplateRenderException failed) {
            return HttpResponses.error(new Rejection(422, "render_failed", null, null, failed.getMessage()), requestId);
        } catch (RuntimeException e) {
            Log.warn("templates-api", "request " + requestId + " failed: " + e);
            return HttpResponses.unavailable(requestId);
        }
    }

    private APIGatewayV2HTTPResponse create(Tenant tenant, APIGatewayV2HTTPEvent event) {
        JsonNode body = json(event);
        String key = TemplateJson.text(body, "key", "key", true);
        if (!TemplateRef.isValidKey(key)) {
            throw new TemplateJson.BadField("key", false, "'key' must be 1-63 lower-case letters, digits and dashes");
        }
        Draft draft = draft(body, TemplateJson.text(body, "name", "name", false));
        TemplateCatalog.Saved saved = catalog.create(tenant.id(), key, draft.draft);
        return HttpResponses.json(201, saved(saved, draft.tags));
    }

    private APIGatewayV2HTTPResponse addVersion(Tenant tenant, String key, APIGatewayV2HTTPEvent event) {
        JsonNode body = json(event);
        Draft draft = draft(body, null);
        TemplateCatalog.Saved saved = catalog.addVersion(tenant.id(), key, draft.draft);
        return HttpResponses.json(201, saved(saved, draft.tags));
    }

    private record Draft(TemplateDraft draft, List<String> tags) {
    }

    private static Draft draft(JsonNode body, String name) {
        TemplateContent content = TemplateJson.content(body);
        String syntax = Optional.ofNullable(TemplateJson.text(body, "syntax", "syntax", false)).orElse("velocity").toLowerCase(Locale.ROOT);
        return switch (syntax) {
            case "velocity" -> new Draft(new TemplateDraft(name, content, "api", List.of()), List.of());
            case "mailwizz" -> {
                MailWizzDrafts.Converted converted = MailWizzDrafts.convert(name, content, "api");
                yield new Draft(converted.draft(), converted.tags().stream().map(t -> t.tag() + " -> "
                        + (t.becomes() == null ? "refused" : t.becomes())).distinct().toList());
            }
            default -> throw new TemplateJson.BadField("syntax", false, "'syntax' must be velocity or mailwizz");
        };
    }

    private static Map<String, Object> saved(TemplateCatalog.Saved saved, List<String> tags) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("template", TemplateJson.record(saved.record()));
        out.put("version", TemplateJson.version(saved.version()));
        if (!tags.isEmpty()) {
            out.put("converted_tags", tags);
        }
        return out;
    }

    private APIGatewayV2HTTPResponse list(Tenant tenant, APIGatewayV2HTTPEvent event) {
        boolean deleted = "true".equalsIgnoreCase(query(event, "include_deleted"));
        List<Map<String, Object>> templates = catalog.list(tenant.id(), deleted).stream().map(TemplateJson::record).toList();
        return HttpResponses.json(200, Map.of("templates", templates));
    }

    private APIGatewayV2HTTPResponse read(Tenant tenant, String key, OptionalInt version) {
        TemplateRecord record = catalog.record(tenant.id(), key)
                .orElseThrow(() -> new TemplateCatalog.NotFound("no template '" + key + "'"));
        TemplateVersion found = catalog.version(tenant.id(), key, version)
                .orElseThrow(() -> new TemplateCatalog.NotFound("template '" + key + "' has no version " + version.orElse(0)));
        return HttpResponses.json(200, Map.of("template", TemplateJson.record(record), "version", TemplateJson.version(found)));
    }

    private APIGatewayV2HTTPResponse delete(Tenant tenant, String key) {
        catalog.delete(tenant.id(), key);
        return HttpResponses.json(200, Map.of("key", key, "status", "deleted"));
    }

    private APIGatewayV2HTTPResponse preview(Tenant tenant, String key, APIGatewayV2HTTPEvent event) {
        JsonNode body = jsonOrEmpty(event);
        RenderedContent content = render(tenant, key, body, "preview", sampleRecipient(body));
        return HttpResponses.json(200, TemplateJson.rendered(content));
    }

    private APIGatewayV2HTTPResponse testSend(Tenant tenant, String key, APIGatewayV2HTTPEvent event) {
        JsonNode body = json(event);
        String to = TemplateJson.text(body, "to", "to", true);
        EmailAddress recipient;
        try {
            recipient = EmailAddress.parse(to);
        } catch (InvalidEmailAddressException e) {
            throw new ApiRefusal(new Rejection(422, "invalid_email", e.reason(), "to", e.getMessage()));
        }
        testSends.refusal(tenant, recipient).ifPresent(refused -> {
            throw new ApiRefusal(refused);
        });
        String messageId = "t" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> person = new HashMap<>(sampleRecipient(body));
        person.putIfAbsent("email", recipient.value());
        if (!body.has("contact")) {
            person.put("email", recipient.value());
        }
        RenderedContent content = render(tenant, key, body, messageId, person);
        outbound.enqueue(new OutboundMessage(messageId, tenant.id(), OutboundMessage.TEST_SEND_CAMPAIGN, 0, "test", recipient.value(),
                tenant.fromAddress(), tenant.fromName(), ReturnPath.of(messageId, tenant.returnPathDomain()), content.subject(),
                content.html(), content.text(), content.language().value(), clock.instant()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "queued");
        out.put("message_id", messageId);
        out.put("to", recipient.value());
        out.put("template", Map.of("key", content.template().key(), "version", content.template().version()));
        out.put("language", content.language().value());
        out.put("subject", content.subject());
        return HttpResponses.json(202, out);
    }

    /** Renders the requested (or latest) version, in the requested language or the contact's. */
    private RenderedContent render(Tenant tenant, String key, JsonNode body, String messageId, Map<String, String> person) {
        OptionalInt version = body.has("version") ? version(body.get("version").asText()) : OptionalInt.empty();
        TemplateRef ref;
        if (body.path("shipped").asBoolean(false)) {
            ref = TemplateRef.shipped(key); // the engine's own template of this key, as campaigns without a version send it
        } else {
            int number = version.isPresent() ? version.getAsInt() : catalog.record(tenant.id(), key)
                    .orElseThrow(() -> new TemplateCatalog.NotFound("no template '" + key + "'")).latestVersion();
            ref = new TemplateRef(tenant.id(), key, number);
        }
        LanguageTag language = TemplateJson.language(body, "language", false);
        if (language == null) {
            language = LanguageTag.parse(person.get("language")).orElse(null);
        }
        Map<String, String> fields = new HashMap<>();
        body.path("contact").path("fields").properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
        Map<String, Object> variables = MessageVariables.of(tenant, person, fields, "test-send", 0, messageId);
        String seed = person.getOrDefault("email", messageId);
        return renderer.render(ref, language, LanguageTag.parse(tenant.defaultLanguage()).orElse(null), variables, seed);
    }

    /** The contact given in the body, else a sample one (the preview shows what a typical recipient sees). */
    private static Map<String, String> sampleRecipient(JsonNode body) {
        Map<String, String> person = new HashMap<>();
        JsonNode contact = body.get("contact");
        if (contact == null || !contact.isObject()) {
            person.put("id", "sample");
            person.put("email", "marie.dupont@example.com");
            person.put("first_name", "Marie");
            person.put("last_name", "Dupont");
            return person;
        }
        for (String field : List.of("id", "email", "first_name", "last_name", "language", "created_at")) {
            if (contact.hasNonNull(field)) {
                person.put(field, contact.get(field).asText());
            }
        }
        person.putIfAbsent("id", "preview");
        return person;
    }

    private APIGatewayV2HTTPResponse importMailWizz(Tenant tenant, APIGatewayV2HTTPEvent event) {
        byte[] bytes = bytes(event);
        String type = header(event, "content-type");
        String fileName = Optional.ofNullable(query(event, "file_name")).orElse(defaultName(type));
        LanguageTag language = Optional.ofNullable(query(event, "language")).map(l -> LanguageTag.parse(l)
                        .orElseThrow(() -> new TemplateJson.BadField("language", false, "'" + l + "' is not a language tag")))
                .orElse(LanguageTag.parse(tenant.defaultLanguage()).orElseThrow());
        ExportContents export = MailWizzExportReader.read(fileName, bytes);
        if (export.templates().isEmpty() && export.autoresponders().isEmpty()) {
            throw new ApiRefusal(new Rejection(422, "nothing_to_import", null, null, String.join("; ", export.problems())));
        }
        boolean dryRun = "true".equalsIgnoreCase(query(event, "dry_run"));
        boolean inlineCss = "true".equalsIgnoreCase(query(event, "inline_css"));
        return HttpResponses.json(dryRun ? 200 : 201, TemplateJson.report(mailWizzImport.run(tenant.id(), export, language, inlineCss, dryRun)));
    }

    private static String defaultName(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("zip")) {
            return "export.zip";
        }
        if (type.contains("json")) {
            return "autoresponders.json";
        }
        if (type.contains("csv")) {
            return "autoresponders.csv";
        }
        return "template.html";
    }

    private static APIGatewayV2HTTPResponse invalidTemplate(InvalidTemplateException invalid, String requestId) {
        List<Map<String, Object>> problems = invalid.problems().stream().map(TemplatesApiHandler::problem).toList();
        TemplateProblem first = invalid.problems().getFirst();
        return HttpResponses.error(new Rejection(422, "invalid_template", null, "variants", first.toString()), requestId,
                Map.of("problems", problems));
    }

    private static Map<String, Object> problem(TemplateProblem p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("part", p.part());
        if (p.line() > 0) {
            out.put("line", p.line());
            out.put("column", p.column());
        }
        out.put("message", p.message());
        return out;
    }

    private static JsonNode json(APIGatewayV2HTTPEvent event) {
        return ApiRequests.object(event, MAX_BODY_BYTES);
    }

    private static JsonNode jsonOrEmpty(APIGatewayV2HTTPEvent event) {
        return ApiRequests.objectOrEmpty(event, MAX_BODY_BYTES);
    }

    private static byte[] bytes(APIGatewayV2HTTPEvent event) {
        return ApiRequests.bytes(event, MAX_BODY_BYTES);
    }

    private static OptionalInt version(String text) {
        return ApiRequests.version(text, "version");
    }

    private static String query(APIGatewayV2HTTPEvent event, String name) {
        return ApiRequests.query(event, name);
    }

    private static String header(APIGatewayV2HTTPEvent event, String name) {
        return ApiRequests.header(event, name);
    }
}
