package com.emailengine.functions.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.emailengine.platform.topology.FunctionDefinition;
import com.emailengine.platform.topology.SystemTopology;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The topology names each function's handler by class name (the CDK app and the fleet read it and must not depend on
 * this module). This test is what makes a rename of a handler fail: each name must be a public handler class here with
 * the two constructors its runtimes use — none for Lambda, one taking the composition root for the local cloud.
 */
class TopologyHandlersTest {

    static List<FunctionDefinition> functions() {
        return SystemTopology.forTenants(List.of("alpha")).functions();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void eachFunctionNamesAPublicRequestHandlerOfThisModule(FunctionDefinition function) throws Exception {
        Class<?> handler = Class.forName(function.handlerClass());

        assertThat(RequestHandler.class).isAssignableFrom(handler);
        assertThat(Modifier.isPublic(handler.getModifiers())).isTrue();
        assertThat(handler.getPackageName()).startsWith("com.emailengine.functions.");
        assertThat(function.handlerReference()).isEqualTo(handler.getName() + "::handleRequest");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void eachHandlerHasTheConstructorsOfLambdaAndOfTheLocalCloud(FunctionDefinition function) throws Exception {
        Class<?> handler = Class.forName(function.handlerClass());

        Constructor<?> lambda = handler.getConstructor();
        Constructor<?> local = handler.getConstructor(FunctionDependencies.class);

        assertThat(Modifier.isPublic(lambda.getModifiers())).isTrue();
        assertThat(Modifier.isPublic(local.getModifiers())).isTrue();
    }
}
