package com.emailengine.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.functions.topology.RouteDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class PublicApiTest {

    private final ProdStack prod = ProdStack.get();

    @Test
    void oneHttpApiServesEveryRouteOfTheTopologyAndNoOther() {
        prod.template.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
        prod.template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("ProtocolType", "HTTP", "Name", "ee-prod-api"));
        assertThat(prod.propertiesOf("AWS::ApiGatewayV2::Route")).extracting(route -> route.get("RouteKey"))
                .containsExactlyInAnyOrderElementsOf(prod.topology.routes().stream().map(RouteDefinition::routeKey).toList());
    }

    @Test
    void eachRouteInvokesTheLiveAliasOfItsFunctionWithPayloadFormatTwo() {
        for (RouteDefinition route : prod.topology.routes()) {
            String alias = aliasOf(route.function());
            String integration = prod.resources("AWS::ApiGatewayV2::Integration").entrySet().stream()
                    .filter(e -> Map.of("Ref", alias).equals(TemplateJson.properties(e.getValue()).get("IntegrationUri")))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            prod.template.hasResourceProperties("AWS::ApiGatewayV2::Integration", Map.of(
                    "IntegrationUri", Map.of("Ref", alias), "IntegrationType", "AWS_PROXY", "PayloadFormatVersion", "2.0"));
            prod.template.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", route.routeKey(),
                    "Target", Map.of("Fn::Join", List.of("", List.of("integrations/", Map.of("Ref", integration))))));
        }
    }

    @Test
    void onlyThisApiMayInvokeTheRouteFunctionAndOnlyOnItsPath() {
        for (RouteDefinition route : prod.topology.routes()) {
            prod.template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                    "FunctionName", Map.of("Ref", aliasOf(route.function())),
                    "Principal", "apigateway.amazonaws.com",
                    "SourceArn", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of("/*/*" + route.path()))))));
        }
    }

    @Test
    void theDefaultStageDeploysItselfAndIsThrottled() {
        prod.template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of("StageName", "$default", "AutoDeploy", true,
                "DefaultRouteSettings", Map.of("ThrottlingRateLimit", PublicApi.RATE_LIMIT, "ThrottlingBurstLimit", PublicApi.BURST_LIMIT)));
    }

    private String aliasOf(String function) {
        return prod.resources("AWS::Lambda::Alias").entrySet().stream()
                .filter(e -> Map.of("Ref", prod.functionLogicalId(function)).equals(TemplateJson.properties(e.getValue()).get("FunctionName")))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }
}
