package com.emailengine.platform.api;

import java.util.Locale;

/**
 * Every operation of API v2, by name. A handler dispatches on these (never on a path string), and
 * {@link RouteTable} gives each its method, path, function, access and documentation.
 */
public enum ApiOperation {
    INGEST_CONTACTS,
    CREATE_TEMPLATE,
    LIST_TEMPLATES,
    GET_TEMPLATE,
    DELETE_TEMPLATE,
    ADD_TEMPLATE_VERSION,
    GET_TEMPLATE_VERSION,
    PREVIEW_TEMPLATE,
    TEST_SEND_TEMPLATE,
    IMPORT_MAILWIZZ,
    CREATE_CAMPAIGN,
    LIST_CAMPAIGNS,
    GET_CAMPAIGN,
    ADD_CAMPAIGN_VERSION,
    VALIDATE_CAMPAIGN,
    ACTIVATE_CAMPAIGN,
    PAUSE_CAMPAIGN,
    RESUME_CAMPAIGN,
    ARCHIVE_CAMPAIGN;

    /** The OpenAPI {@code operationId}: {@code createTemplate} for {@code CREATE_TEMPLATE}. */
    public String operationId() {
        StringBuilder id = new StringBuilder();
        for (String word : name().toLowerCase(Locale.ROOT).split("_")) {
            id.append(id.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return id.toString();
    }
}
