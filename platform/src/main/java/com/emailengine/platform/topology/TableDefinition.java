package com.emailengine.platform.topology;

import java.util.List;
import java.util.Optional;

/** A DynamoDB table (on-demand capacity). */
public record TableDefinition(
        String name,
        KeyAttribute partitionKey,
        Optional<KeyAttribute> sortKey,
        List<IndexDefinition> indexes,
        Optional<String> ttlAttribute) {

    public TableDefinition {
        indexes = List.copyOf(indexes);
    }
}
