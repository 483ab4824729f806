package com.emailengine.platform.topology;

/** A key attribute of a table or index; DynamoDB key types are string (S) or number (N). */
public record KeyAttribute(String name, Kind kind) {

    public enum Kind { S, N }

    public static KeyAttribute string(String name) {
        return new KeyAttribute(name, Kind.S);
    }

    public static KeyAttribute number(String name) {
        return new KeyAttribute(name, Kind.N);
    }
}
