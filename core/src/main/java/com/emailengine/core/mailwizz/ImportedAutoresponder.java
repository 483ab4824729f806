package com.emailengine.core.mailwizz;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A MailWizz autoresponder kept as an imported definition until campaigns can run it: when it fires, which template
 * version it sends (imported alongside it), and what an operator must decide.
 *
 * @param delay       the delay as a duration (months and years approximated as 30 and 365 days, noted in
 *                    {@code attention})
 * @param templateKey the template holding its content and subject, or null when it had none
 * @param original    the record as MailWizz exported it
 */
public record ImportedAutoresponder(String tenantId, String id, String name, String status, String event,
                                    Duration delay, String delayAsWritten, String triggerCampaign, String sendNotBefore,
                                    boolean includeImported, boolean includeCurrent, String fromName, String fromEmail,
                                    String replyTo, String listName, String templateKey, Integer templateVersion,
                                    List<String> attention, Instant importedAt, Map<String, Object> original) {

    public ImportedAutoresponder {
        attention = List.copyOf(attention);
        original = original == null ? Map.of() : original;
    }
}
