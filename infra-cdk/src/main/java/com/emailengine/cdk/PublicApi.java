package com.emailengine.cdk;

import com.emailengine.platform.api.RouteAccess;
import com.emailengine.platform.api.RouteDefinition;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.HttpStageOptions;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * The HTTP API with every route of the topology, each integrated (payload format 2.0, the
 * {@code APIGatewayV2HTTPEvent} the handlers take) with its function's alias. One auto-deployed
 * {@code $default} stage, throttled so that a runaway client cannot flood the queues behind it.
 *
 * <p>Contact sources reach the ingest route with their own keys, checked by the handler. Every other route is an
 * operator's and needs AWS IAM (SigV4): the managed policy {@code ee-<stage>-operator-api} allows exactly those
 * routes, to be attached to the operators' users or roles. Nothing else can create, send or delete a template.
 */
public final class PublicApi extends Construct {

    /** Requests per second across the API; 1 M contacts a day average about 12 per second. */
    static final double RATE_LIMIT = 200;
    static final int BURST_LIMIT = 400;
    /**
     * Each route for contact sources gets a share of its own, so a runaway scraper cannot take the operators' share of
     * the stage's rate (HTTP APIs have no per-key usage plans; a source over it gets 429).
     */
    static final double SOURCE_ROUTE_RATE_LIMIT = 100;
    static final int SOURCE_ROUTE_BURST_LIMIT = 200;

    private final HttpApi api;
    private final HttpStage stage;
    private final ManagedPolicy operatorPolicy;
    private final Map<String, Role> tenantOperatorRoles = new LinkedHashMap<>();

    public PublicApi(Construct scope, String id, SystemTopology topology, ResourceNames names, List<String> tenantIds,
                     Functions functions) {
        super(scope, id);
        api = HttpApi.Builder.create(this, "http-api")
                .apiName("ee-" + names.stage() + "-api")
                .description("Email-Engine API (" + names.stage() + ")")
                .createDefaultStage(false)
                .build();
        stage = api.addStage("default-stage", HttpStageOptions.builder()
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder().rateLimit(RATE_LIMIT).burstLimit(BURST_LIMIT).build())
                .build());
        // One integration per function, shared by its routes (the templates API serves nine routes from one function).
        java.util.Map<String, HttpLambdaIntegration> integrations = new java.util.HashMap<>();
        HttpIamAuthorizer iam = new HttpIamAuthorizer();
        List<String> operatorRoutes = new ArrayList<>();
        for (RouteDefinition route : topology.routes()) {
            AddRoutesOptions.Builder options = AddRoutesOptions.builder()
                    .path(route.path())
                    .methods(List.of(HttpMethod.valueOf(route.method())))
                    .integration(integrations.computeIfAbsent(route.function(), function ->
                            new HttpLambdaIntegration(function + "-" + route.method(), functions.get(function).alias())));
            if (route.access() == RouteAccess.OPERATOR) {
                options.authorizer(iam);
                operatorRoutes.add(api.arnForExecuteApi(route.method(), executeApiPath(route.path()), stage.getStageName()));
            }
            api.addRoutes(options.build());
        }
        // RouteSettings is a free-form JSON property in CloudFormation: a typed struct would be written with
        // its Java (camelCase) names, which API Gateway ignores, so the keys are spelled as CloudFormation wants.
        Map<String, Map<String, Object>> sourceRoutes = new LinkedHashMap<>();
        topology.routes().stream().filter(route -> route.access() == RouteAccess.SOURCE_KEY).forEach(route ->
                sourceRoutes.put(route.routeKey(), Map.of(
                        "ThrottlingRateLimit", SOURCE_ROUTE_RATE_LIMIT, "ThrottlingBurstLimit", SOURCE_ROUTE_BURST_LIMIT)));
        ((CfnStage) stage.getNode().getDefaultChild()).setRouteSettings(sourceRoutes);
        for (String tenant : tenantIds) {
            tenantOperatorRoles.put(tenant, tenantOperatorRole(names, tenant, topology));
        }
        operatorPolicy = ManagedPolicy.Builder.create(this, "operator-api")
                .managedPolicyName("ee-" + names.stage() + "-operator-api")
                .description("Calls the operator routes of the Email-Engine API (" + names.stage() + ") with SigV4")
                .statements(List.of(PolicyStatement.Builder.create().actions(List.of("execute-api:Invoke"))
                        .resources(operatorRoutes).build()))
                .build();
    }

    /**
     * The role of a tenant's operators (D42): its policy reaches the operator routes of that tenant's paths only, so a
     * session of it cannot touch another tenant even if the function's own check failed. Anyone of the account may be
     * allowed to assume it (by their own IAM policy); the functions read the tenant back from the session's role name.
     */
    private Role tenantOperatorRole(ResourceNames names, String tenant, SystemTopology topology) {
        List<String> routes = new ArrayList<>();
        for (RouteDefinition route : topology.routes()) {
            if (route.access() == RouteAccess.OPERATOR && route.path().contains("{tenant}")) {
                routes.add(api.arnForExecuteApi(route.method(), executeApiPath(route.path().replace("{tenant}", tenant)),
                        stage.getStageName()));
            }
        }
        ManagedPolicy policy = ManagedPolicy.Builder.create(this, "operator-" + tenant)
                .managedPolicyName(names.tenantOperatorRole(tenant) + "-api")
                .description("Calls the operator routes of tenant " + tenant + " (" + names.stage() + ") with SigV4")
                .statements(List.of(PolicyStatement.Builder.create().actions(List.of("execute-api:Invoke"))
                        .resources(routes).build()))
                .build();
        return Role.Builder.create(this, "operator-role-" + tenant)
                .roleName(names.tenantOperatorRole(tenant))
                .description("Operators of tenant " + tenant + ": its API routes only")
                .assumedBy(new AccountRootPrincipal())
                .managedPolicies(List.of(policy))
                .build();
    }

    public Map<String, Role> tenantOperatorRoles() {
        return Map.copyOf(tenantOperatorRoles);
    }

    /** A path parameter matches any one segment in an execute-api ARN as a wildcard does. */
    static String executeApiPath(String path) {
        return path.replaceAll("\\{[^}/]+}", "*");
    }

    public ManagedPolicy operatorPolicy() {
        return operatorPolicy;
    }

    public String url() {
        return stage.getUrl();
    }
}
