package com.emailengine.core.config;

/**
 * A node of a parsed configuration document that remembers where it came from, so that every
 * validation error can name the file and line. Immutable, safe to share.
 */
public sealed interface ConfigNode permits ConfigMap, ConfigList, ConfigScalar {

    String source();

    int line();

    default ConfigException error(String problem) {
        return new ConfigException(source(), line(), problem);
    }

    default ConfigMap asMap(String what) {
        if (this instanceof ConfigMap map) {
            return map;
        }
        throw error(what + " must be a mapping of keys to values");
    }

    default ConfigList asList(String what) {
        if (this instanceof ConfigList list) {
            return list;
        }
        throw error(what + " must be a list");
    }

    default ConfigScalar asScalar(String what) {
        if (this instanceof ConfigScalar scalar) {
            return scalar;
        }
        throw error(what + " must be a single value, not a list or mapping");
    }
}
