package com.emailengine.functions.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Authorizer;
import com.emailengine.core.access.Operator;
import com.emailengine.core.access.OperatorRole;
import com.emailengine.platform.topology.ResourceNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallersTest {

    private final Callers callers = new Callers(new ResourceNames("prod"));

    @Test
    void aSessionOfATenantsOperatorRoleActsForThatTenantOnly() {
        Operator operator = callers.operatorOf(iam("arn:aws:sts::123456789012:assumed-role/ee-prod-tenant-ulixai-operator/ana"))
                .orElseThrow();

        assertThat(operator.role()).isEqualTo(OperatorRole.TENANT_OPERATOR);
        assertThat(operator.mayActFor("ulixai")).isTrue();
        assertThat(operator.mayActFor("sos-expat")).isFalse();
        assertThat(operator.refusalFor("sos-expat")).get().extracting(r -> r.httpStatus() + " " + r.code())
                .isEqualTo("403 tenant_not_allowed");
    }

    @Test
    void anotherStagesTenantRoleOrAnyOtherPrincipalIsAnAdminBecauseOnlyTheOperatorPolicyLetItThrough() {
        assertThat(callers.operatorOf(iam("arn:aws:sts::123456789012:assumed-role/ee-staging-tenant-ulixai-operator/x"))
                .map(Operator::role)).contains(OperatorRole.ADMIN);
        assertThat(callers.operatorOf(iam("arn:aws:iam::123456789012:user/ops")).map(Operator::role)).contains(OperatorRole.ADMIN);
    }

    @Test
    void aRoleNamedLikeATenantRoleWithoutATenantIsNoTenantOperator() {
        assertThat(callers.operatorOf(iam("arn:aws:sts::123456789012:assumed-role/ee-prod-tenant--operator/x"))
                .map(Operator::role)).contains(OperatorRole.ADMIN);
    }

    @Test
    void jwtClaimsNameTheOperatorItsRoleAndTenants() {
        Operator operator = callers.operatorOf(jwt(Map.of("ee_operator", "ana", "ee_role", "tenant_operator",
                "ee_tenants", "ulixai, sos-expat"))).orElseThrow();

        assertThat(operator).isEqualTo(new Operator("ana", OperatorRole.TENANT_OPERATOR, Set.of("ulixai", "sos-expat")));
    }

    @Test
    void claimsWithAnUnknownRoleOrNoOperatorProveNobody() {
        assertThat(callers.operatorOf(jwt(Map.of("ee_operator", "ana", "ee_role", "root")))).isEmpty();
        assertThat(callers.operatorOf(jwt(Map.of("ee_role", "admin")))).isEmpty();
    }

    @Test
    void anEventWithoutAnAuthorizerHasNoOperator() {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        assertThat(callers.operatorOf(event)).isEmpty();
        event.setRequestContext(new RequestContext());
        assertThat(callers.operatorOf(event)).isEqualTo(Optional.empty());
    }

    private static APIGatewayV2HTTPEvent iam(String userArn) {
        return withAuthorizer(Authorizer.builder().withIam(RequestContext.IAM.builder().withUserArn(userArn).build()).build());
    }

    private static APIGatewayV2HTTPEvent jwt(Map<String, String> claims) {
        return withAuthorizer(Authorizer.builder().withJwt(Authorizer.JWT.builder().withClaims(claims).withScopes(List.of())
                .build()).build());
    }

    private static APIGatewayV2HTTPEvent withAuthorizer(Authorizer authorizer) {
        RequestContext context = new RequestContext();
        context.setAuthorizer(authorizer);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRequestContext(context);
        return event;
    }
}
