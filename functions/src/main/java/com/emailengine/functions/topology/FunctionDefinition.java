package com.emailengine.functions.topology;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * A Lambda function: the handler class in the functions jar, its memory and timeout.
 *
 * @param reservedConcurrency set where a downstream must be protected or runs must not overlap
 */
public record FunctionDefinition(String name, Class<?> handler, int memoryMb, Duration timeout,
                                 OptionalInt reservedConcurrency) {

    public String handlerReference() {
        return handler.getName() + "::handleRequest";
    }
}
