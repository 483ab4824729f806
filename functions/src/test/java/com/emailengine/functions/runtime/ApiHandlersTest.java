package com.emailengine.functions.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.platform.api.ApiOperation;
import com.emailengine.platform.api.RouteTable;
import com.emailengine.platform.runtime.Settings;
import com.emailengine.platform.topology.FunctionDefinition;
import com.emailengine.platform.topology.ResourceNames;
import com.emailengine.platform.topology.SystemTopology;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every route of the table reaches a handler that serves its operation, and no handler serves an operation the table
 * sends elsewhere. The handlers are built offline (clients are made on first use) from the local configuration.
 */
class ApiHandlersTest {

    @Test
    void eachFunctionBehindRoutesServesExactlyTheOperationsTheTableRoutesToIt() throws Exception {
        SystemTopology topology = SystemTopology.forTenants(List.of("sos-expat", "ulixai"));
        Map<String, String> settings = new HashMap<>(Map.of(Settings.STAGE, "unit", Settings.REGION, "eu-west-1",
                Settings.CONFIG_DIR, "../config/local", Settings.ACCESS_KEY_ID, "unit", Settings.SECRET_ACCESS_KEY, "unit",
                Settings.SOURCE_KEY_DIR, "target/unit-source-keys",
                ResourceNames.bucketSetting(SystemTopology.TEMPLATES_BUCKET), "unit-templates"));
        // Handed over as the cloud hands them, so building a handler asks SQS for nothing.
        topology.queues().forEach(queue -> settings.put(ResourceNames.queueUrlSetting(queue.name()), "http://unit/" + queue.name()));
        FunctionDependencies dependencies = new FunctionDependencies(Settings.of(settings), Clock.systemUTC());
        Set<ApiOperation> served = new HashSet<>();
        for (FunctionDefinition function : topology.functions()) {
            List<ApiOperation> routed = RouteTable.operationsOf(function.name());
            if (routed.isEmpty()) {
                continue;
            }
            Object handler = Class.forName(function.handlerClass()).getConstructor(FunctionDependencies.class)
                    .newInstance(dependencies);

            assertThat(handler).as(function.name()).isInstanceOf(ApiHandler.class);
            assertThat(((ApiHandler) handler).operations()).as(function.name()).containsExactlyInAnyOrderElementsOf(routed);
            served.addAll(routed);
        }
        assertThat(served).containsExactlyInAnyOrder(ApiOperation.values());
    }
}
