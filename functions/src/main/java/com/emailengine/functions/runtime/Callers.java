package com.emailengine.functions.runtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.emailengine.core.access.Operator;
import com.emailengine.core.access.OperatorRole;
import com.emailengine.platform.topology.ResourceNames;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Who called an operator route, from what the gateway's authorizer proved (D42): a JWT authorizer's claims
 * ({@code ee_operator}, {@code ee_role}, {@code ee_tenants}: the local gateway's, the admin UI's sign-in later), or IAM
 * (SigV4 at API Gateway). Under IAM, a tenant operator is a session of the tenant's operator role
 * ({@code ee-<stage>-tenant-<tenant>-operator}, whose policy reaches only that tenant's paths); any other principal got
 * through the gateway on the stage's operator policy, which reaches every tenant: an admin.
 */
public final class Callers {

    private static final Pattern ASSUMED_ROLE = Pattern.compile("arn:aws[\\w-]*:sts::\\d{12}:assumed-role/([\\w+=,.@-]+)/.+");

    private final ResourceNames names;

    public Callers(ResourceNames names) {
        this.names = names;
    }

    public Optional<Operator> operatorOf(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = context == null ? null : context.getAuthorizer();
        if (authorizer == null) {
            return Optional.empty();
        }
        if (authorizer.getJwt() != null && authorizer.getJwt().getClaims() != null) {
            return fromClaims(authorizer.getJwt().getClaims());
        }
        if (authorizer.getIam() != null && authorizer.getIam().getUserArn() != null) {
            return Optional.of(fromIam(authorizer.getIam().getUserArn()));
        }
        return Optional.empty();
    }

    private static Optional<Operator> fromClaims(Map<String, String> claims) {
        String id = claims.get("ee_operator");
        String role = claims.get("ee_role");
        if (id == null || role == null) {
            return Optional.empty();
        }
        Set<String> tenants = Arrays.stream(claims.getOrDefault("ee_tenants", "").split(",")).map(String::strip)
                .filter(t -> !t.isEmpty()).collect(Collectors.toSet());
        return Arrays.stream(OperatorRole.values()).filter(r -> r.wireName().equals(role)).findFirst()
                .map(r -> new Operator(id, r, tenants));
    }

    private Operator fromIam(String arn) {
        Matcher assumed = ASSUMED_ROLE.matcher(arn);
        Optional<String> tenant = assumed.matches() ? names.tenantOfOperatorRole(assumed.group(1)) : Optional.empty();
        return tenant.map(t -> new Operator(arn, OperatorRole.TENANT_OPERATOR, Set.of(t))).orElseGet(() -> Operator.admin(arn));
    }
}
