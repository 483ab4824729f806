package com.emailengine.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.emailengine.platform.topology.FunctionDefinition;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;

/** Functions made of a test's own handler, for tests whose point is the runtime around the handler. */
final class TestFunctions {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private TestFunctions() {
    }

    static LocalFunction function(String name, RequestHandler<Object, Object> handler) {
        return new LocalFunction(new FunctionDefinition(name, handler.getClass().getName(), 256, TIMEOUT, OptionalInt.empty()), handler);
    }

    /** Polls until the condition holds; false when the deadline passed first. */
    static boolean eventually(Duration deadline, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
