package com.emailengine.core.templating;

import java.io.IOException;
import java.io.Writer;
import org.apache.velocity.context.InternalContextAdapter;
import org.apache.velocity.runtime.parser.node.Node;

/**
 * The root of an interpolated string's tree ({@code "Hello $contact.firstName"}, which Velocity parses as a template
 * of its own and renders into a private buffer). What it writes is charged to the render's budget as it is written:
 * {@code "$x$x$x$x"} builds its result out of the render's sight, and without this a string made of a few thousand
 * references to one large value would take the heap before anything could stop it.
 */
final class InterpolationGuard extends DelegatingNode {

    InterpolationGuard(Node root) {
        super(root);
    }

    @Override
    public boolean render(InternalContextAdapter context, Writer writer) throws IOException {
        RenderBudget budget = RenderBudget.current();
        return node.render(context, budget == null ? writer : new Charging(writer, budget));
    }

    private static final class Charging extends ForwardingWriter {
        private final RenderBudget budget;

        Charging(Writer out, RenderBudget budget) {
            super(out);
            this.budget = budget;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            budget.spend(length);
            out.write(chars, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            budget.spend(length);
            out.write(text, offset, length);
        }
    }
}
