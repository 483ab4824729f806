package com.emailengine.core.mailwizz;

import java.util.Map;

/**
 * One autoresponder (a MailWizz campaign of type autoresponder) as exported, before conversion.
 *
 * @param event        AFTER-SUBSCRIBE, AFTER-CAMPAIGN-OPEN or AFTER-CAMPAIGN-SENT
 * @param delayValue   how many {@code delayUnit}s after the event
 * @param delayUnit    minute, hour, day, week, month or year
 * @param triggerCampaign the campaign whose opening or sending triggers it, or null
 * @param sendNotBefore "HH:MM" (UTC) before which it is not sent on a day, or null
 * @param templateRef  the name or uid of the template it uses, or null
 * @param html         its own content when the export carries it, or null
 * @param original     the record as read, kept with the imported definition
 */
public record MailWizzAutoresponder(String uid, String name, String status, String subject, String preheader,
                                    String fromName, String fromEmail, String replyTo, String listName, String event,
                                    int delayValue, String delayUnit, boolean includeImported, boolean includeCurrent,
                                    String triggerCampaign, String sendNotBefore, String templateRef, String html,
                                    Map<String, Object> original) {
}
