package com.emailengine.core.templating;

import java.util.regex.Pattern;

/**
 * Names one immutable version of a tenant's template. Version {@value #SHIPPED} is the template shipped with the
 * engine (module {@code templates}), the same for every tenant; stored versions count from 1.
 */
public record TemplateRef(String tenantId, String key, int version) {

    public static final int SHIPPED = 0;
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public TemplateRef {
        checkKey(key);
        if (version < 0) {
            throw new IllegalArgumentException("template version must be 0 (shipped) or more, got " + version);
        }
    }

    public static TemplateRef shipped(String key) {
        return new TemplateRef("", key, SHIPPED);
    }

    public boolean isShipped() {
        return version == SHIPPED;
    }

    /** Template keys are lower-case letters, digits and dashes (they appear in URLs and object keys). */
    public static String checkKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("template key '" + key + "' must be 1-63 lower-case letters, digits and dashes");
        }
        return key;
    }

    public static boolean isValidKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    @Override
    public String toString() {
        return isShipped() ? key + " (shipped)" : key + " v" + version;
    }
}
