package com.emailengine.functions.topology;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * A Lambda function: the handler class in the functions jar, its memory and timeout, and the resources it
 * uses (from which the cloud derives its least-privilege permissions and its settings).
 *
 * @param reservedConcurrency set where a downstream must be protected or runs must not overlap
 */
public record FunctionDefinition(String name, Class<?> handler, int memoryMb, Duration timeout,
                                 OptionalInt reservedConcurrency, List<ResourceUse> uses) {

    public FunctionDefinition {
        uses = List.copyOf(uses);
    }

    /** A function that uses no resource of the topology. */
    public FunctionDefinition(String name, Class<?> handler, int memoryMb, Duration timeout, OptionalInt reservedConcurrency) {
        this(name, handler, memoryMb, timeout, reservedConcurrency, List.of());
    }

    public String handlerReference() {
        return handler.getName() + "::handleRequest";
    }

    public List<ResourceUse> uses(ResourceUse.Kind kind) {
        return uses.stream().filter(use -> use.kind() == kind).toList();
    }
}
