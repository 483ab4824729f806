package com.emailengine.core.templating;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.apache.velocity.util.introspection.VelMethod;

/**
 * A method call within the render's {@link RenderBudget}: the clock is checked before every call; a method that
 * builds a text (its growth is not 0) must have room for its largest possible result before it runs, and the result
 * is charged. Methods that answer a number, a truth value or an element the receiver holds build nothing and cost
 * nothing but time: the allowed methods are at most linear in their inputs, which the budget has bounded already.
 */
final class BudgetedMethod implements VelMethod {

    private final VelMethod method;
    private final int growth;

    /**
     * @param growth characters of result per character of input, at most; 0 when the result is a number, a truth
     *               value or something the receiver already holds, and for bounded implementations, which charge
     *               what they build as they build it
     */
    BudgetedMethod(VelMethod method, int growth) {
        this.method = method;
        this.growth = growth;
    }

    @Override
    public Object invoke(Object receiver, Object[] arguments) throws IllegalAccessException, InvocationTargetException {
        RenderBudget budget = RenderBudget.current();
        if (budget == null) {
            return method.invoke(receiver, arguments);
        }
        budget.checkTime();
        if (growth > 0) {
            long input = budget.weightOf(receiver);
            for (Object argument : arguments) {
                input += budget.weightOf(argument);
            }
            budget.ensureRoom(growth * input);
        }
        Object result;
        try {
            result = method.invoke(receiver, arguments);
        } catch (InvocationTargetException e) {
            // A limit reached inside the call is the render's failure, not the method's: let it through unwrapped.
            if (e.getCause() instanceof RenderLimitException limit) {
                throw limit;
            }
            throw e;
        }
        if (growth > 0) {
            budget.spend(budget.weightOf(result));
        }
        return result;
    }

    @Override
    public boolean isCacheable() {
        return method.isCacheable();
    }

    @Override
    public String getMethodName() {
        return method.getMethodName();
    }

    @Override
    public Method getMethod() {
        return method.getMethod();
    }

    @Override
    public Class<?> getReturnType() {
        return method.getReturnType();
    }
}
