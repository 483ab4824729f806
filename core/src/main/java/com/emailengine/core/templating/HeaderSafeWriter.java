package com.emailengine.core.templating;

import com.emailengine.core.delivery.HeaderValues;
import java.io.IOException;
import java.io.Writer;
import org.apache.velocity.io.Filter;

/**
 * Writes a subject or preheader: what a reference inserts (contact data, tenant data, anything a template computed)
 * has each run of line breaks and other control characters replaced by one space, so no value can start a header of
 * its own; the template's own text was refused at save time if it had any ({@link HeaderText}). Replacing rather
 * than refusing keeps a contact whose name a scraper stored with a trailing CRLF from never getting the message (a
 * failed render is retried by the scheduler every minute, forever).
 */
final class HeaderSafeWriter extends ForwardingWriter implements Filter {

    HeaderSafeWriter(Writer out) {
        super(out);
    }

    @Override
    public void writeReference(String value) throws IOException {
        out.write(clean(value));
    }

    static String clean(String value) {
        int first = HeaderValues.firstForbidden(value);
        if (first < 0) {
            return value;
        }
        StringBuilder cleaned = new StringBuilder(value.length()).append(value, 0, first);
        boolean inRun = false;
        for (int i = first; i < value.length(); i++) {
            char c = value.charAt(i);
            if (HeaderValues.forbidden(c)) {
                if (!inRun) {
                    cleaned.append(' ');
                }
                inRun = true;
            } else {
                cleaned.append(c);
                inRun = false;
            }
        }
        return cleaned.toString();
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        out.write(chars, offset, length);
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        out.write(text, offset, length);
    }

}
