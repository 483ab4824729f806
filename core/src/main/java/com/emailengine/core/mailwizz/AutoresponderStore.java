package com.emailengine.core.mailwizz;

import java.util.List;

/** Imported autoresponder definitions per tenant. Safe for concurrent use; a re-import replaces by id. */
public interface AutoresponderStore {

    void put(ImportedAutoresponder autoresponder);

    List<ImportedAutoresponder> all(String tenantId);
}
