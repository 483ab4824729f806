package com.emailengine.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.emailengine.functions.runtime.FunctionDependencies;
import com.emailengine.platform.topology.FunctionDefinition;
import java.lang.reflect.InvocationTargetException;

/**
 * A function of the topology running in this JVM: the same handler class the cloud runs, loaded by the name the
 * topology gives it (as Lambda loads it), built with the local cloud's dependencies instead of the process environment.
 */
public record LocalFunction(FunctionDefinition definition, RequestHandler<Object, Object> handler) {

    @SuppressWarnings("unchecked")
    public static LocalFunction create(FunctionDefinition definition, FunctionDependencies dependencies) {
        try {
            Class<?> type = Class.forName(definition.handlerClass(), true, LocalFunction.class.getClassLoader());
            Object handler = type.getConstructor(FunctionDependencies.class).newInstance(dependencies);
            return new LocalFunction(definition, (RequestHandler<Object, Object>) handler);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("function " + definition.name() + " failed to start: " + e.getCause().getMessage(), e.getCause());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("function " + definition.name() + " names handler " + definition.handlerClass()
                    + ", which is not on the class path", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("handler " + definition.handlerClass()
                    + " needs a public constructor taking FunctionDependencies", e);
        }
    }

    /** Invokes the handler as Lambda would, with a fresh context carrying the function's deadline. */
    public Object invoke(Object event) {
        return handler.handleRequest(event, new LocalLambdaContext(definition.name(), definition.memoryMb(), definition.timeout()));
    }

    public String name() {
        return definition.name();
    }
}
