package com.emailengine.platform.topology;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * A Lambda function: the handler class in the functions jar, its memory and timeout, and the resources it
 * uses (from which the cloud derives its least-privilege permissions and its settings).
 *
 * @param handlerClass the handler's fully qualified class name. A name, not a {@code Class}: the topology is read by
 *                     the CDK app and the fleet, which must not depend on the functions module; the functions'
 *                     {@code FunctionHandlers} table and its test prove that every name here is a handler there.
 * @param reservedConcurrency set where a downstream must be protected or runs must not overlap
 */
public record FunctionDefinition(String name, String handlerClass, int memoryMb, Duration timeout,
                                 OptionalInt reservedConcurrency, List<ResourceUse> uses) {

    public FunctionDefinition {
        uses = List.copyOf(uses);
    }

    /** A function that uses no resource of the topology. */
    public FunctionDefinition(String name, String handlerClass, int memoryMb, Duration timeout, OptionalInt reservedConcurrency) {
        this(name, handlerClass, memoryMb, timeout, reservedConcurrency, List.of());
    }

    /** The handler's simple class name, e.g. {@code IngestContactsHandler}. */
    public String handlerSimpleName() {
        return handlerClass.substring(handlerClass.lastIndexOf('.') + 1);
    }

    public String handlerReference() {
        return handlerClass + "::handleRequest";
    }

    public List<ResourceUse> uses(ResourceUse.Kind kind) {
        return uses.stream().filter(use -> use.kind() == kind).toList();
    }
}
