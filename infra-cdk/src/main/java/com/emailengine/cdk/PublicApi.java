package com.emailengine.cdk;

import com.emailengine.functions.topology.ResourceNames;
import com.emailengine.functions.topology.RouteDefinition;
import com.emailengine.functions.topology.SystemTopology;
import java.util.List;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.HttpStageOptions;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.constructs.Construct;

/**
 * The HTTP API with every route of the topology, each integrated (payload format 2.0, the
 * {@code APIGatewayV2HTTPEvent} the handlers take) with its function's alias. One auto-deployed
 * {@code $default} stage, throttled so that a runaway client cannot flood the queues behind it.
 */
public final class PublicApi extends Construct {

    /** Requests per second across the API; 1 M contacts a day average about 12 per second. */
    static final double RATE_LIMIT = 200;
    static final int BURST_LIMIT = 400;

    private final HttpApi api;
    private final HttpStage stage;

    public PublicApi(Construct scope, String id, SystemTopology topology, ResourceNames names, Functions functions) {
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
        for (RouteDefinition route : topology.routes()) {
            api.addRoutes(AddRoutesOptions.builder()
                    .path(route.path())
                    .methods(List.of(HttpMethod.valueOf(route.method())))
                    .integration(integrations.computeIfAbsent(route.function(), function ->
                            new HttpLambdaIntegration(function + "-" + route.method(), functions.get(function).alias())))
                    .build());
        }
    }

    public String url() {
        return stage.getUrl();
    }
}
