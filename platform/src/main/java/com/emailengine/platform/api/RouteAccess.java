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
     * on the route, e.g. through the stack's operator-API policy). The local gateway listens on loopback only.
     */
    OPERATOR
}
