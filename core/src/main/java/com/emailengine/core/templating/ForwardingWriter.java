package com.emailengine.core.templating;

import java.io.IOException;
import java.io.Writer;

/**
 * A writer that passes what it lets through to another, for the render's guards. Not {@link java.io.FilterWriter}:
 * that one sends {@code write(int)} straight to the target, around the guard; here every write goes through the
 * subclass's {@code write(char[], int, int)} unless it says otherwise.
 */
abstract class ForwardingWriter extends Writer {

    protected final Writer out;

    ForwardingWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
