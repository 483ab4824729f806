package com.emailengine.core.templating;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.velocity.util.introspection.VelMethod;

/**
 * The String methods whose cost is not linear in their inputs, answered by bounded implementations instead of the
 * JDK's: {@code repeat} and {@code replace} ({@link BoundedText}), the regular-expression methods
 * ({@link BoundedRegex}) and the searches ({@link TextSearch}). Velocity still chooses the overload; this only
 * replaces what runs.
 */
final class BoundedStringMethods {

    @FunctionalInterface
    private interface Implementation {
        Object call(String text, Object[] arguments, RenderBudget budget);
    }

    private BoundedStringMethods() {
    }

    /** A bounded stand-in for the method Velocity resolved on a string, or null when the JDK's is linear. */
    static VelMethod of(VelMethod resolved) {
        Method method = resolved.getMethod();
        if (method == null) {
            return null;
        }
        String signature = method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(",", "(", ")"));
        Implementation implementation = switch (signature) {
            case "repeat(int)" -> (text, a, budget) -> BoundedText.repeat(text, count(a[0]), budget);
            case "replace(CharSequence,CharSequence)" ->
                    (text, a, budget) -> BoundedText.replace(text, text(a[0]), text(a[1]), budget);
            case "replaceAll(String,String)" ->
                    (text, a, budget) -> BoundedRegex.replace(text, text(a[0]), text(a[1]), true, budget);
            case "replaceFirst(String,String)" ->
                    (text, a, budget) -> BoundedRegex.replace(text, text(a[0]), text(a[1]), false, budget);
            case "matches(String)" -> (text, a, budget) -> BoundedRegex.matches(text, text(a[0]), budget);
            case "split(String)" -> (text, a, budget) -> BoundedRegex.split(text, text(a[0]), 0, budget);
            case "split(String,int)" ->
                    (text, a, budget) -> BoundedRegex.split(text, text(a[0]), count(a[1]), budget);
            case "contains(CharSequence)" ->
                    (text, a, budget) -> TextSearch.indexOf(text, text(a[0]), 0, budget) >= 0;
            case "indexOf(String)" -> (text, a, budget) -> TextSearch.indexOf(text, text(a[0]), 0, budget);
            case "indexOf(String,int)" ->
                    (text, a, budget) -> TextSearch.indexOf(text, text(a[0]), count(a[1]), budget);
            case "indexOf(String,int,int)" -> (text, a, budget) -> {
                int end = Math.min(Math.max(count(a[2]), 0), text.length());
                return TextSearch.indexOf(text.substring(0, end), text(a[0]), count(a[1]), budget);
            };
            case "lastIndexOf(String)" -> (text, a, budget) -> TextSearch.lastIndexOf(text, text(a[0]), text.length());
            case "lastIndexOf(String,int)" ->
                    (text, a, budget) -> TextSearch.lastIndexOf(text, text(a[0]), count(a[1]));
            default -> null;
        };
        return implementation == null ? null : new Bounded(resolved, implementation);
    }

    /** An integer argument as Velocity may hand it: any integral number within range, or its text. */
    private static int count(Object argument) {
        if (argument instanceof Number number) {
            long value = number.longValue();
            if (value != number.doubleValue() || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("expected a whole number, got " + number);
            }
            return (int) value;
        }
        if (argument instanceof CharSequence text) {
            try {
                return Integer.parseInt(text.toString().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number, got '" + text + "'");
            }
        }
        throw new IllegalArgumentException("expected a whole number, got " + argument);
    }

    private static String text(Object argument) {
        if (argument == null) {
            throw new IllegalArgumentException("expected a text, got null");
        }
        return argument.toString();
    }

    private static final class Bounded implements VelMethod {
        private final VelMethod resolved;
        private final Implementation implementation;

        Bounded(VelMethod resolved, Implementation implementation) {
            this.resolved = resolved;
            this.implementation = implementation;
        }

        @Override
        public Object invoke(Object receiver, Object[] arguments) throws IllegalAccessException, InvocationTargetException {
            RenderBudget budget = RenderBudget.current();
            if (budget == null) {
                return resolved.invoke(receiver, arguments);
            }
            return implementation.call((String) receiver, arguments, budget);
        }

        @Override
        public boolean isCacheable() {
            return resolved.isCacheable();
        }

        @Override
        public String getMethodName() {
            return resolved.getMethodName();
        }

        @Override
        public Method getMethod() {
            return resolved.getMethod();
        }

        @Override
        public Class<?> getReturnType() {
            return resolved.getReturnType();
        }
    }
}
