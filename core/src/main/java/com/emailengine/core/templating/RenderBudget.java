package com.emailengine.core.templating;

/**
 * What is left of one render's {@link RenderLimits}. Velocity instantiates directives and introspectors itself, so
 * the budget of the render running on this thread is reached through a thread-local that {@link TemplateSandbox}
 * sets around a merge. Every check is made by the render thread as it works: there is no watchdog to outrun.
 * Data is charged where something is built (concatenation, interpolation, literals, method results), not where a
 * value is only read: reading {@code $contact.firstName} in a loop allocates nothing.
 * Not thread-safe: one render, one thread.
 */
final class RenderBudget {

    private static final ThreadLocal<RenderBudget> CURRENT = new ThreadLocal<>();

    private final long deadline;
    private final RenderLimits limits;
    private final ValueWeight weights;
    private int iterationsLeft;
    private long dataLeft;

    RenderBudget(RenderLimits limits) {
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.maxRenderTime().toNanos();
        this.iterationsLeft = limits.maxIterations();
        this.dataLeft = limits.maxDataChars();
        this.weights = new ValueWeight(limits.maxDataChars());
    }

    static RenderBudget current() {
        return CURRENT.get();
    }

    void enter() {
        CURRENT.set(this);
    }

    static void leave() {
        CURRENT.remove();
    }

    void iteration() {
        if (--iterationsLeft < 0) {
            throw new RenderLimitException("the template loops more than " + limits.maxIterations() + " times");
        }
        checkTime();
    }

    void checkTime() {
        if (System.nanoTime() - deadline > 0) {
            throw RenderLimitException.timeRanOut("rendering took longer than " + limits.maxRenderTime().toMillis() + " ms");
        }
    }

    /** The size of a value as text ({@link ValueWeight}), without charging it. */
    long weightOf(Object value) {
        return weights.of(value);
    }

    /**
     * Admits a collection a literal built: its own elements are charged (what was allocated), and it is refused when
     * its text, elements of elements included, would exceed the whole budget, so nothing can later turn it into text
     * that large in one call.
     */
    void admit(Object built) {
        long weight = weights.of(built);
        if (weight > limits.maxDataChars()) {
            throw new RenderLimitException("the template builds a collection of more than " + limits.maxDataChars()
                    + " characters as text");
        }
        spend(ValueWeight.elements(built));
    }

    /** Charges characters a bounded operation is about to allocate, refusing before it does when they do not fit. */
    void spend(long chars) {
        if (chars > dataLeft) {
            dataLeft = 0;
            throw new RenderLimitException("the template builds more than " + limits.maxDataChars()
                    + " characters of data (texts, collections and method results)");
        }
        dataLeft -= chars;
        checkTime();
    }

    /** Refuses, without charging, when an operation could produce more than what is left. */
    void ensureRoom(long chars) {
        if (chars > dataLeft) {
            throw new RenderLimitException("the template builds more than " + limits.maxDataChars()
                    + " characters of data: an operation could produce " + chars + " and " + dataLeft + " are left");
        }
    }

    int maxOutputChars() {
        return limits.maxOutputChars();
    }
}
