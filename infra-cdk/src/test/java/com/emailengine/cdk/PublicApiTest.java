package com.emailengine.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import com.emailengine.platform.api.RouteAccess;
import com.emailengine.platform.api.RouteDefinition;
import com.emailengine.platform.api.RouteTable;
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
    void operatorRoutesNeedAwsIamAndOnlyTheIngestRouteIsLeftToItsSourceKeys() {
        for (RouteDefinition route : prod.topology.routes()) {
            String expected = route.access() == RouteAccess.OPERATOR ? "AWS_IAM" : "NONE";
            Map<String, Object> properties = prod.propertiesOf("AWS::ApiGatewayV2::Route").stream()
                    .filter(r -> route.routeKey().equals(r.get("RouteKey"))).findFirst().orElseThrow();
            assertThat(properties.getOrDefault("AuthorizationType", "NONE")).as(route.routeKey()).isEqualTo(expected);
        }
        assertThat(prod.topology.routes()).filteredOn(r -> r.access() == RouteAccess.SOURCE_KEY)
                .extracting(RouteDefinition::routeKey).containsExactly("POST " + RouteTable.INGEST_PATH);
    }

    @Test
    void theOperatorPolicyAllowsInvokingExactlyTheOperatorRoutes() {
        Map<String, Object> policy = prod.propertiesOf("AWS::IAM::ManagedPolicy").stream()
                .filter(p -> "ee-prod-operator-api".equals(p.get("ManagedPolicyName"))).findFirst().orElseThrow();
        List<?> statements = (List<?>) ((Map<?, ?>) policy.get("PolicyDocument")).get("Statement");
        assertThat(statements).hasSize(1);
        Map<?, ?> statement = (Map<?, ?>) statements.getFirst();
        assertThat(statement.get("Action")).isEqualTo("execute-api:Invoke");
        List<?> resources = (List<?>) statement.get("Resource");
        List<RouteDefinition> operatorRoutes = prod.topology.routes().stream().filter(r -> r.access() == RouteAccess.OPERATOR).toList();
        assertThat(resources).hasSize(operatorRoutes.size());
        String rendered = resources.toString();
        for (RouteDefinition route : operatorRoutes) {
            assertThat(rendered).contains("/$default/" + route.method() + PublicApi.executeApiPath(route.path()));
        }
        assertThat(rendered).doesNotContain(RouteTable.INGEST_PATH).doesNotContain("/{");
    }

    @Test
    void aTenantsOperatorRoleReachesThatTenantsRoutesAndNoOtherTenants() {
        List<String> tenants = List.of("sos-expat", "ulixai");
        for (String tenant : tenants) {
            Map<String, Object> policy = prod.propertiesOf("AWS::IAM::ManagedPolicy").stream()
                    .filter(p -> ("ee-prod-tenant-" + tenant + "-operator-api").equals(p.get("ManagedPolicyName"))).findFirst()
                    .orElseThrow();
            List<?> statements = (List<?>) ((Map<?, ?>) policy.get("PolicyDocument")).get("Statement");
            assertThat(statements).hasSize(1);
            List<?> resources = (List<?>) ((Map<?, ?>) statements.getFirst()).get("Resource");
            long tenantRoutes = prod.topology.routes().stream()
                    .filter(r -> r.access() == RouteAccess.OPERATOR && r.path().contains("{tenant}")).count();
            assertThat(resources).hasSize((int) tenantRoutes);
            for (Object resource : resources) {
                String arn = resource.toString();
                assertThat(arn).as("a route of %s", tenant).contains("/api/v2/tenants/" + tenant + "/").doesNotContain("/tenants/*");
                tenants.stream().filter(other -> !other.equals(tenant))
                        .forEach(other -> assertThat(arn).doesNotContain("/tenants/" + other + "/"));
            }
            prod.template.hasResourceProperties("AWS::IAM::Role", Map.of("RoleName", "ee-prod-tenant-" + tenant + "-operator"));
        }
    }

    @Test
    void aPathParameterBecomesOneWildcardSegmentInTheExecuteApiArn() {
        assertThat(PublicApi.executeApiPath("/api/v2/templates/{tenant}/{key}/versions/{version}"))
                .isEqualTo("/api/v2/templates/*/*/versions/*");
    }

    @Test
    void theDefaultStageDeploysItselfAndIsThrottled() {
        prod.template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of("StageName", "$default", "AutoDeploy", true,
                "DefaultRouteSettings", Map.of("ThrottlingRateLimit", PublicApi.RATE_LIMIT, "ThrottlingBurstLimit", PublicApi.BURST_LIMIT)));
    }

    @Test
    void theIngestRouteHasAThrottleOfItsOwnWithinTheStages() {
        prod.template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of("StageName", "$default",
                "RouteSettings", Map.of("POST " + RouteTable.INGEST_PATH, Map.of(
                        "ThrottlingRateLimit", PublicApi.SOURCE_ROUTE_RATE_LIMIT,
                        "ThrottlingBurstLimit", PublicApi.SOURCE_ROUTE_BURST_LIMIT))));
        assertThat(PublicApi.SOURCE_ROUTE_RATE_LIMIT).isLessThan(PublicApi.RATE_LIMIT);
    }

    private String aliasOf(String function) {
        return prod.resources("AWS::Lambda::Alias").entrySet().stream()
                .filter(e -> Map.of("Ref", prod.functionLogicalId(function)).equals(TemplateJson.properties(e.getValue()).get("FunctionName")))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }
}
