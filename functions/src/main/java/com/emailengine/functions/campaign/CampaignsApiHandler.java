package com.emailengine.functions.campaign;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.emailengine.core.api.Rejection;
import com.emailengine.core.campaign.catalog.CampaignCatalog;
import com.emailengine.core.campaign.catalog.CampaignRecord;
import com.emailengine.core.campaign.definition.CampaignDefinition;
import com.emailengine.core.campaign.definition.CampaignDefinitionJson;
import com.emailengine.core.campaign.definition.CampaignDefinitionReader;
import com.emailengine.core.campaign.definition.CampaignProblem;
import com.emailengine.core.campaign.definition.InvalidCampaignException;
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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Campaigns API v2, per tenant ({@code /api/v2/tenants/{tenant}/campaigns/...}): create, list, read, edit (a new
 * version), validate, activate, pause, resume, archive (D46). Every problem of a definition is answered at once,
 * each with its JSON pointer, in the API's one error shape.
 */
public final class CampaignsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, ApiHandler {

    /** A definition is a few KB; 50 steps of 10 variants with long subjects stay far below this. */
    static final int MAX_BODY_BYTES = 512 * 1024;

    private final Supplier<CampaignCatalog> catalog;
    private final TenantScope scope;
    private final Map<ApiOperation, Endpoint> endpoints;

    public CampaignsApiHandler() {
        this(FunctionDependencies.environment());
    }

    public CampaignsApiHandler(FunctionDependencies dependencies) {
        // The shipped campaigns are seeded before the first request is served (the lookup seeds them once).
        this.catalog = () -> {
            dependencies.campaigns();
            return dependencies.campaignCatalog();
        };
        this.scope = new TenantScope(new Callers(dependencies.names()), dependencies.config().tenants());
        Map<ApiOperation, Endpoint> byOperation = new EnumMap<>(ApiOperation.class);
        byOperation.put(ApiOperation.CREATE_CAMPAIGN, (in, event) -> saved(201,
                catalog.get().create(in.tenant(), definition(event, null))));
        byOperation.put(ApiOperation.LIST_CAMPAIGNS, (in, event) -> HttpResponses.json(200, Map.of("campaigns",
                catalog.get().list(in.tenant().id(), "true".equalsIgnoreCase(ApiRequests.query(event, "include_archived")))
                        .stream().map(CampaignsApiHandler::record).toList())));
        byOperation.put(ApiOperation.GET_CAMPAIGN, (in, event) -> saved(200, catalog.get().read(in.tenant(), campaignId(event),
                ApiRequests.version(ApiRequests.query(event, "version"), "version"))));
        byOperation.put(ApiOperation.ADD_CAMPAIGN_VERSION, (in, event) -> {
            CampaignCatalog.Found found = catalog.get().addVersion(in.tenant(), definition(event, campaignId(event)));
            return saved(found.unchanged() ? 200 : 201, found);
        });
        byOperation.put(ApiOperation.VALIDATE_CAMPAIGN, this::validate);
        byOperation.put(ApiOperation.ACTIVATE_CAMPAIGN, (in, event) -> saved(200, catalog.get().activate(in.tenant(),
                campaignId(event), activationVersion(event), in.caller().id())));
        byOperation.put(ApiOperation.PAUSE_CAMPAIGN, (in, event) -> HttpResponses.json(200,
                record(catalog.get().pause(in.tenant(), campaignId(event), in.caller().id()))));
        byOperation.put(ApiOperation.RESUME_CAMPAIGN, (in, event) -> HttpResponses.json(200,
                record(catalog.get().resume(in.tenant(), campaignId(event), in.caller().id()))));
        byOperation.put(ApiOperation.ARCHIVE_CAMPAIGN, (in, event) -> HttpResponses.json(200,
                record(catalog.get().archive(in.tenant(), campaignId(event), in.caller().id()))));
        this.endpoints = Map.copyOf(byOperation);
    }

    /** One operation of the API, for a caller allowed to act for a tenant that exists. */
    @FunctionalInterface
    private interface Endpoint {
        APIGatewayV2HTTPResponse serve(TenantScope.Scoped in, APIGatewayV2HTTPEvent event);
    }

    @Override
    public Set<ApiOperation> operations() {
        return endpoints.keySet();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = ApiRequests.requestId(event);
        try {
            Endpoint endpoint = RouteTable.find(event.getRouteKey()).map(route -> endpoints.get(route.operation()))
                    .orElseThrow(() -> new ApiRefusal(new Rejection(404, "unknown_route", null, null,
                            "no such route: " + event.getRouteKey())));
            return endpoint.serve(scope.of(event), event);
        } catch (ApiRefusal refusal) {
            return HttpResponses.error(refusal.rejection(), requestId, refusal.more());
        } catch (InvalidCampaignException invalid) {
            return invalid(invalid, requestId);
        } catch (CampaignCatalog.NotFound notFound) {
            return HttpResponses.error(new Rejection(404, "campaign_not_found", null, "campaign", notFound.getMessage()), requestId);
        } catch (CampaignCatalog.Conflict conflict) {
            return HttpResponses.error(new Rejection(409, conflict.code(), null, "campaign", conflict.getMessage()), requestId);
        } catch (RuntimeException e) {
            Log.warn("campaigns-api", "request " + requestId + " failed: " + e);
            return HttpResponses.unavailable(requestId);
        }
    }

    private APIGatewayV2HTTPResponse validate(TenantScope.Scoped in, APIGatewayV2HTTPEvent event) {
        JsonNode body = ApiRequests.objectOrEmpty(event, MAX_BODY_BYTES);
        CampaignDefinition definition;
        Integer version = null;
        if (body.isEmpty()) {
            CampaignCatalog.Found latest = catalog.get().latest(in.tenant(), campaignId(event));
            definition = latest.version().definition();
            version = latest.version().version();
        } else {
            definition = CampaignDefinitionReader.read(body, campaignId(event));
        }
        List<InvalidCampaignException> failures = catalog.get().validate(in.tenant(), definition);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("valid", failures.isEmpty());
        out.put("version", version);
        out.put("failures", failures.stream().map(f -> Map.of("code", f.code(), "problems", problems(f.problems()))).toList());
        return HttpResponses.json(200, out);
    }

    private static CampaignDefinition definition(APIGatewayV2HTTPEvent event, String idFromPath) {
        return CampaignDefinitionReader.read(ApiRequests.object(event, MAX_BODY_BYTES), idFromPath);
    }

    private static OptionalInt activationVersion(APIGatewayV2HTTPEvent event) {
        JsonNode body = ApiRequests.objectOrEmpty(event, MAX_BODY_BYTES);
        JsonNode version = body.get("version");
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!field.getKey().equals("version")) {
                throw new ApiRefusal(Rejection.invalidField(field.getKey(), "unknown field '" + field.getKey() + "' (known: version)"));
            }
        }
        if (version == null || version.isNull()) {
            return OptionalInt.empty();
        }
        if (!version.isIntegralNumber() || version.asLong() < 1 || version.asLong() > 1_000_000) {
            throw new ApiRefusal(Rejection.invalidField("version", "'version' must be a whole number from 1"));
        }
        return OptionalInt.of(version.asInt());
    }

    private static String campaignId(APIGatewayV2HTTPEvent event) {
        String id = event.getPathParameters() == null ? null : event.getPathParameters().get("campaign");
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new ApiRefusal(new Rejection(404, "campaign_not_found", null, "campaign", "no campaign '" + id + "'"));
        }
        return id;
    }

    private static APIGatewayV2HTTPResponse saved(int status, CampaignCatalog.Found found) {
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("version", found.version().version());
        version.put("created_at", found.version().createdAt().toString());
        version.put("definition", CampaignDefinitionJson.of(found.version().definition()));
        return HttpResponses.json(status, Map.of("campaign", record(found.record()), "version", version));
    }

    static Map<String, Object> record(CampaignRecord record) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", record.id());
        out.put("name", record.name());
        out.put("kind", record.kind().wireName());
        out.put("status", record.status().wireName());
        out.put("status_reason", record.statusReason());
        out.put("latest_version", record.latestVersion());
        record.activeVersion().ifPresent(active -> out.put("active_version", active));
        out.put("has_draft", record.hasDraft());
        out.put("origin", record.origin());
        out.put("created_at", record.createdAt().toString());
        out.put("updated_at", record.updatedAt().toString());
        return out;
    }

    private static APIGatewayV2HTTPResponse invalid(InvalidCampaignException invalid, String requestId) {
        CampaignProblem first = invalid.problems().getFirst();
        String message = invalid.problems().size() == 1 ? first.toString()
                : invalid.problems().size() + " problems; the first: " + first;
        return HttpResponses.error(new Rejection(422, invalid.code(), null, first.pointer().isEmpty() ? null : first.pointer(),
                message), requestId, Map.of("problems", problems(invalid.problems())));
    }

    private static List<Map<String, Object>> problems(List<CampaignProblem> problems) {
        return problems.stream().map(p -> Map.<String, Object>of("part", p.pointer(), "message", p.message())).toList();
    }
}
