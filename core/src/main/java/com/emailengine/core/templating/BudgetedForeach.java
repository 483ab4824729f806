package com.emailengine.core.templating;

import java.util.Iterator;
import org.apache.velocity.runtime.directive.Foreach;
import org.apache.velocity.runtime.parser.node.Node;

/**
 * Velocity's {@code #foreach} with every iteration charged to the render's {@link RenderBudget}: a loop that runs
 * too long fails the render. (Velocity's own {@code directive.foreach.max_loops} silently stops the loop, which would
 * send a truncated message.)
 */
public final class BudgetedForeach extends Foreach {

    @Override
    protected Iterator<?> getIterator(Object iterable, Node node) {
        Iterator<?> iterator = super.getIterator(iterable, node);
        RenderBudget budget = RenderBudget.current();
        if (iterator == null || budget == null) {
            return iterator;
        }
        return new Iterator<Object>() {
            @Override
            public boolean hasNext() {
                return iterator.hasNext();
            }

            @Override
            public Object next() {
                budget.iteration();
                return iterator.next();
            }
        };
    }
}
