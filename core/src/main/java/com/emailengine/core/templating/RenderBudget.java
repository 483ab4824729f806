package com.emailengine.core.templating;

/**
 * What is left of one render's {@link RenderLimits}. Velocity instantiates directives itself, so the budget of the
 * render running on this thread is reached through a thread-local that {@link TemplateSandbox} sets around a merge.
 * Not thread-safe: one render, one thread.
 */
final class RenderBudget {

    private static final ThreadLocal<RenderBudget> CURRENT = new ThreadLocal<>();

    private final long deadline;
    private final RenderLimits limits;
    private int iterationsLeft;

    RenderBudget(RenderLimits limits) {
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.maxRenderTime().toNanos();
        this.iterationsLeft = limits.maxIterations();
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
            throw new RenderLimitException("rendering took longer than " + limits.maxRenderTime().toMillis() + " ms");
        }
    }

    int maxOutputChars() {
        return limits.maxOutputChars();
    }
}
