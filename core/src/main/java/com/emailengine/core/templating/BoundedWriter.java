package com.emailengine.core.templating;

import java.io.IOException;
import java.io.Writer;

/** Collects a rendered part and fails the render when it grows past its budget or its time runs out. */
final class BoundedWriter extends Writer {

    /** Signals the limit through Velocity, which passes writer exceptions up unchanged. */
    static final class LimitReached extends IOException {
        private final RenderLimitException limit;

        LimitReached(String message) {
            super(message);
            this.limit = new RenderLimitException(message);
        }

        LimitReached(RenderLimitException limit) {
            super(limit.getMessage());
            this.limit = limit;
        }

        RenderLimitException limit() {
            return limit;
        }
    }

    private final StringBuilder out;
    private final int maxChars;
    private final RenderBudget budget;

    BoundedWriter(int initialCapacity, RenderBudget budget) {
        this.out = new StringBuilder(initialCapacity);
        this.maxChars = budget.maxOutputChars();
        this.budget = budget;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        check(length);
        out.append(chars, offset, length);
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        check(length);
        out.append(text, offset, offset + length);
    }

    private void check(int length) throws LimitReached {
        if (out.length() + length > maxChars) {
            throw new LimitReached("the rendered part is longer than " + maxChars + " characters");
        }
        try {
            budget.checkTime();
        } catch (RenderLimitException e) {
            throw new LimitReached(e);
        }
    }

    @Override
    public void flush() {
        // Nothing buffered beyond the builder.
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
