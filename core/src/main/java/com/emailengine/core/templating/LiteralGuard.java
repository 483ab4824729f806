package com.emailengine.core.templating;

import org.apache.velocity.context.InternalContextAdapter;
import org.apache.velocity.runtime.parser.node.Node;

/**
 * Stands above a list, map or range literal ({@code [$a, $b]}, <code>{'k': $v}</code>, {@code [1..$n]}) and admits
 * what it builds to the render's budget ({@link RenderBudget#admit}): its elements are charged as built, and a
 * collection whose text would exceed the budget (lists built from themselves, {@code #set($l = [$l, $l])}, double
 * with every step while costing two elements each) is refused before anything turns it into text.
 */
final class LiteralGuard extends DelegatingNode {

    LiteralGuard(Node literal) {
        super(literal);
    }

    @Override
    public Object value(InternalContextAdapter context) {
        Object value = node.value(context);
        RenderBudget budget = RenderBudget.current();
        if (budget != null) {
            budget.admit(value);
        }
        return value;
    }
}
