package com.emailengine.functions.runtime;

import com.emailengine.platform.api.ApiOperation;
import com.emailengine.platform.api.RouteTable;
import java.util.Set;

/**
 * A handler behind HTTP routes. It serves the operations {@link RouteTable} routes to its function, found by the
 * event's route key in the table, never by parsing the path; {@code ApiHandlersTest} proves that each handler serves
 * exactly the operations the table gives its function.
 */
public interface ApiHandler {

    Set<ApiOperation> operations();
}
