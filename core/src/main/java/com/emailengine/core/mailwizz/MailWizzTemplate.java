package com.emailengine.core.mailwizz;

import java.util.List;

/**
 * One template found in a MailWizz export.
 *
 * @param source      where it was found, e.g. {@code export.zip!newsletter/index.html}
 * @param subject     MailWizz keeps subjects on campaigns, not templates: the HTML's {@code <title>}, or null
 * @param text        the plain-text version when the export has one ({@code index.txt} beside the HTML), or null
 * @param localAssets files the HTML refers to by a relative path (images in the zip), which the engine does not host
 */
public record MailWizzTemplate(String source, String name, String subject, String html, String text, List<String> localAssets) {

    public MailWizzTemplate {
        localAssets = List.copyOf(localAssets);
    }
}
