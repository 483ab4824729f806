package com.emailengine.core.config;

/**
 * A configuration file that cannot be used, with the place of the problem so an operator can fix it
 * without reading code: {@code tenants.yaml line 14: ip-pool: 127.0.1.60-127.0.1.40 is reversed}.
 */
public final class ConfigException extends RuntimeException {

    private final String source;
    private final int line;

    public ConfigException(String source, int line, String problem) {
        super(source + (line > 0 ? " line " + line : "") + ": " + problem);
        this.source = source;
        this.line = line;
    }

    public String source() {
        return source;
    }

    /** 1-based line number, or 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }
}
