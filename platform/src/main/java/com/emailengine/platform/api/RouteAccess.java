package com.emailengine.platform.api;

/** Who may call a route, and where that is checked. */
public enum RouteAccess {
    /**
     * Contact sources: the handler checks the source's key or HMAC signature of the body (and the tenants the
     * source may feed), so the gateway lets the request through.
     */
    SOURCE_KEY,
    /**
     * Operators: AWS IAM at the gateway (requests signed with SigV4 by a principal allowed {@code execute-api:Invoke}
     * on the route: the stack's operator-API policy, or a tenant's operator role for that tenant's paths); locally an
     * operator's key. The function then checks that the operator may act for the path's tenant (D42).
     */
    OPERATOR
}
