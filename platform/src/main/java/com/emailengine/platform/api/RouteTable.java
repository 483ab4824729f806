package com.emailengine.platform.api;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * THE one declaration of every HTTP route of API v2: method, path, operation, the function serving it, who may call
 * it, and its documentation. The CDK app builds the API Gateway routes from it, the local gateway serves them, a
 * handler serving several routes dispatches on the {@link ApiOperation} it finds here for the event's route key, and
 * {@link OpenApiDocument} turns it into the OpenAPI 3 document of the API. Campaign, feedback, statistics and admin
 * routes are added here.
 */
public final class RouteTable {

    /** The function names of the topology that serve routes (kept here so the table needs nothing of the topology). */
    public static final String INGEST_FUNCTION = "ingest-api";
    public static final String TEMPLATES_FUNCTION = "templates-api";
    public static final String CAMPAIGNS_FUNCTION = "campaigns-api";

    public static final String INGEST_PATH = "/api/v2/contacts/ingest";
    public static final String TEMPLATES_PATH = "/api/v2/tenants/{tenant}/templates";
    public static final String TEMPLATE_PATH = TEMPLATES_PATH + "/{key}";
    public static final String CAMPAIGNS_PATH = "/api/v2/tenants/{tenant}/campaigns";
    public static final String CAMPAIGN_PATH = CAMPAIGNS_PATH + "/{campaign}";
    public static final String MAILWIZZ_IMPORT_PATH = "/api/v2/tenants/{tenant}/imports/mailwizz";

    private static final String JSON = "application/json";

    private static final List<ApiRoute> ROUTES = List.of(
            route(ApiOperation.INGEST_CONTACTS, "POST", INGEST_PATH, INGEST_FUNCTION, RouteAccess.SOURCE_KEY, "contacts",
                    "Ingest one contact or a batch of up to 1,000",
                    "Authenticated by the source's key (Authorization: Bearer) or an HMAC signature of timestamp and body. "
                            + "Validates, de-duplicates and routes without DNS, then queues; the intake checks MX and stores.")
                    .body("IngestRequest")
                    .answers(202, "Accepted: one contact's result, or a batch's counts and per-contact results", "IngestResult")
                    .answers(422, "Refused: one contact (the error shape), or a batch whose every contact was refused",
                            "IngestRefusal")
                    .build(),
            route(ApiOperation.CREATE_TEMPLATE, "POST", TEMPLATES_PATH, TEMPLATES_FUNCTION, RouteAccess.OPERATOR, "templates",
                    "Create a template with its first version",
                    "Velocity, or MailWizz tags (syntax: mailwizz) converted once on save. Syntax errors list part, line and column.")
                    .body("TemplateCreate")
                    .answers(201, "Created", "TemplateSaved")
                    .build(),
            route(ApiOperation.LIST_TEMPLATES, "GET", TEMPLATES_PATH, TEMPLATES_FUNCTION, RouteAccess.OPERATOR, "templates",
                    "List the tenant's templates", "")
                    .query("include_deleted", "boolean", "also list soft-deleted templates")
                    .answers(200, "The templates", "TemplateList")
                    .build(),
            route(ApiOperation.GET_TEMPLATE, "GET", TEMPLATE_PATH, TEMPLATES_FUNCTION, RouteAccess.OPERATOR, "templates",
                    "Read a template and its latest (or a given) version", "")
                    .query("version", "integer", "the version to read; the latest when absent")
                    .answers(200, "The template and the version", "TemplateWithVersion")
                    .build(),
            route(ApiOperation.DELETE_TEMPLATE, "DELETE", TEMPLATE_PATH, TEMPLATES_FUNCTION, RouteAccess.OPERATOR, "templates",
                    "Delete a template (soft)", "Its versions stay readable, so campaigns pinned to one keep sending.")
                    .answers(200, "Deleted", "TemplateDeleted")
                    .build(),
            route(ApiOperation.ADD_TEMPLATE_VERSION, "POST", TEMPLATE_PATH + "/versions", TEMPLATES_FUNCTION, RouteAccess.OPERATOR,
                    "templates", "Add a version (versions are immutable)", "")
                    .body("TemplateDraft")
                    .answers(201, "Created", "TemplateSaved")
                    .build(),
            route(ApiOperation.GET_TEMPLATE_VERSION, "GET", TEMPLATE_PATH + "/versions/{version}", TEMPLATES_FUNCTION,
                    RouteAccess.OPERATOR, "templates", "Read one version of a template", "")
                    .answers(200, "The template and the version", "TemplateWithVersion")
                    .build(),
            route(ApiOperation.PREVIEW_TEMPLATE, "POST", TEMPLATE_PATH + "/preview", TEMPLATES_FUNCTION, RouteAccess.OPERATOR,
                    "templates", "Render a version for a sample or given contact",
                    "Shows the language chosen and why. An empty body renders the latest version for a sample contact.")
                    .optionalBody("PreviewRequest")
                    .answers(200, "The rendered subject, preheader, HTML and text", "RenderedTemplate")
                    .build(),
            route(ApiOperation.TEST_SEND_TEMPLATE, "POST", TEMPLATE_PATH + "/test-send", TEMPLATES_FUNCTION, RouteAccess.OPERATOR,
                    "templates", "Render a version and queue it to one address through the fleet", "")
                    .body("TestSendRequest")
                    .answers(202, "Queued", "TestSendQueued")
                    .build(),
            route(ApiOperation.IMPORT_MAILWIZZ, "POST", MAILWIZZ_IMPORT_PATH, TEMPLATES_FUNCTION, RouteAccess.OPERATOR, "imports",
                    "Import MailWizz templates and autoresponders",
                    "The body is the export as is: a template .html, a template .zip, or autoresponders as .json or .csv.")
                    .rawBody(List.of("application/zip", "text/html", "application/json", "text/csv", "application/octet-stream"))
                    .query("file_name", "string", "the export's file name (its extension tells the format)")
                    .query("language", "string", "the language of the templates; the tenant's default when absent")
                    .query("dry_run", "boolean", "convert and check, store nothing")
                    .query("inline_css", "boolean", "inline the CSS of imported templates")
                    .answers(201, "Imported: per template whether and as which version, tags converted, what needs attention",
                            "ImportReport")
                    .answers(200, "Dry run: the same report, nothing stored", "ImportReport")
                    .build(),
            route(ApiOperation.CREATE_CAMPAIGN, "POST", CAMPAIGNS_PATH, CAMPAIGNS_FUNCTION, RouteAccess.OPERATOR, "campaigns",
                    "Create a campaign as a draft (version 1)",
                    "Every problem of the definition is reported at once, each with its JSON pointer (error.problems).")
                    .body("CampaignDefinition")
                    .answers(201, "Created, as a draft", "CampaignWithVersion")
                    .build(),
            route(ApiOperation.LIST_CAMPAIGNS, "GET", CAMPAIGNS_PATH, CAMPAIGNS_FUNCTION, RouteAccess.OPERATOR, "campaigns",
                    "List the tenant's campaigns", "")
                    .query("include_archived", "boolean", "also list archived campaigns")
                    .answers(200, "The campaigns", "CampaignList")
                    .build(),
            route(ApiOperation.GET_CAMPAIGN, "GET", CAMPAIGN_PATH, CAMPAIGNS_FUNCTION, RouteAccess.OPERATOR, "campaigns",
                    "Read a campaign and its running (or a given) version", "Without a version: the active one, else the newest.")
                    .query("version", "integer", "the version to read")
                    .answers(200, "The campaign and the version", "CampaignWithVersion")
                    .build(),
            route(ApiOperation.ADD_CAMPAIGN_VERSION, "PUT", CAMPAIGN_PATH, CAMPAIGNS_FUNCTION, RouteAccess.OPERATOR, "campaigns",
                    "Edit a campaign: a new version, a draft until activated",
                    "The running version keeps running. The same definition sent again makes no new version (200).")
                    .body("CampaignDefinition")
                    .answers(201, "A new version", "CampaignWithVersion")
                    .answers(200, "Unchanged: the newest version already is this definition", "CampaignWithVersion")
                    .build(),
            route(ApiOperation.VALIDATE_CAMPAIGN, "POST", CAMPAIGN_PATH + "/validate", CAMPAIGNS_FUNCTION, RouteAccess.OPERATOR,
                    "campaigns", "Run the activation checks without activating",
                    "Of the definition in the body, else of the newest version: templates and pinned versions exist, "
                            + "every needed language is there, the scheduler runs every feature used.")
                    .optionalBody("CampaignDefinition")
                    .answers(200, "What activation would find", "CampaignValidation")
                    .build(),
            route(ApiOperation.ACTIVATE_CAMPAIGN, "POST", CAMPAIGN_PATH + "/activate", CAMPAIGNS_FUNCTION, RouteAccess.OPERATOR,
                    "campaigns", "Run a version (the newest by default) from now on",
                    "Refused (422) with every problem when a check fails: template_not_found, missing_languages, not_runnable.")
                    .optionalBody("CampaignActivation")
                    .answers(200, "Active", "CampaignWithVersion")
                    .build(),
            route(ApiOperation.PAUSE_CAMPAIGN, "POST", CAMPAIGN_PATH + "/pause", CAMPAIGNS_FUNCTION, RouteAccess.OPERATOR,
                    "campaigns", "Pause: nothing more is sent; enrollments wait where they are", "")
                    .answers(200, "Paused", "CampaignRecord")
                    .build(),
            route(ApiOperation.RESUME_CAMPAIGN, "POST", CAMPAIGN_PATH + "/resume", CAMPAIGNS_FUNCTION, RouteAccess.OPERATOR,
                    "campaigns", "Resume a paused campaign with the version it ran", "")
                    .answers(200, "Active again", "CampaignRecord")
                    .build(),
            route(ApiOperation.ARCHIVE_CAMPAIGN, "POST", CAMPAIGN_PATH + "/archive", CAMPAIGNS_FUNCTION, RouteAccess.OPERATOR,
                    "campaigns", "Archive: the end; its enrollments stop, its history stays", "")
                    .answers(200, "Archived", "CampaignRecord")
                    .build());

    private static final Map<String, ApiRoute> BY_ROUTE_KEY = new LinkedHashMap<>();
    private static final Map<ApiOperation, ApiRoute> BY_OPERATION = new EnumMap<>(ApiOperation.class);

    static {
        for (ApiRoute route : ROUTES) {
            if (BY_ROUTE_KEY.put(route.routeKey(), route) != null) {
                throw new IllegalStateException("route " + route.routeKey() + " is declared twice");
            }
            if (BY_OPERATION.put(route.operation(), route) != null) {
                throw new IllegalStateException("operation " + route.operation() + " has two routes");
            }
        }
        for (ApiOperation operation : ApiOperation.values()) {
            if (!BY_OPERATION.containsKey(operation)) {
                throw new IllegalStateException("operation " + operation + " has no route");
            }
        }
    }

    private RouteTable() {
    }

    /** Every route, in the order of the table. */
    public static List<ApiRoute> routes() {
        return ROUTES;
    }

    /** The routes as the gateway sees them: method, path, function, access. */
    public static List<RouteDefinition> definitions() {
        return ROUTES.stream().map(ApiRoute::route).toList();
    }

    /** The route of an event's route key ({@code POST /api/v2/tenants/{tenant}/templates}), if it is one of the table. */
    public static Optional<ApiRoute> find(String routeKey) {
        return Optional.ofNullable(routeKey == null ? null : BY_ROUTE_KEY.get(routeKey));
    }

    public static ApiRoute of(ApiOperation operation) {
        return BY_OPERATION.get(operation);
    }

    /** The operations a function serves. */
    public static List<ApiOperation> operationsOf(String function) {
        return ROUTES.stream().filter(route -> route.route().function().equals(function)).map(ApiRoute::operation).toList();
    }

    private static Builder route(ApiOperation operation, String method, String path, String function, RouteAccess access,
                                 String tag, String summary, String description) {
        return new Builder(operation, new RouteDefinition(method, path, function, access), tag, summary, description);
    }

    /** Reads as the table above: a route, then what it takes and answers. */
    private static final class Builder {
        private final ApiOperation operation;
        private final RouteDefinition route;
        private final String tag;
        private final String summary;
        private final String description;
        private final List<ApiRoute.Parameter> query = new ArrayList<>();
        private Optional<ApiRoute.Body> body = Optional.empty();
        private final Map<Integer, ApiRoute.Response> responses = new LinkedHashMap<>();

        private Builder(ApiOperation operation, RouteDefinition route, String tag, String summary, String description) {
            this.operation = operation;
            this.route = route;
            this.tag = tag;
            this.summary = summary;
            this.description = description;
        }

        Builder body(String schema) {
            body = Optional.of(new ApiRoute.Body(List.of(JSON), Optional.of(schema), true));
            return this;
        }

        Builder optionalBody(String schema) {
            body = Optional.of(new ApiRoute.Body(List.of(JSON), Optional.of(schema), false));
            return this;
        }

        Builder rawBody(List<String> mediaTypes) {
            body = Optional.of(new ApiRoute.Body(mediaTypes, Optional.empty(), true));
            return this;
        }

        Builder query(String name, String type, String meaning) {
            query.add(new ApiRoute.Parameter(name, type, meaning));
            return this;
        }

        Builder answers(int status, String meaning, String schema) {
            responses.put(status, new ApiRoute.Response(meaning, schema));
            return this;
        }

        ApiRoute build() {
            return new ApiRoute(operation, route, tag, summary, description, query, body, responses);
        }
    }
}
