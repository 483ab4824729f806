package com.emailengine.core.templating;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The methods a template may call, by receiver, and how much larger than its inputs each one's result can be. An
 * allow-list rather than "every public method of String": {@code format}, {@code formatted}, {@code indent} or
 * {@code join} turn a few characters of template into gigabytes, and the list of such methods grows with every JDK.
 * What is on the list is either linear in its inputs (and charged to the render's budget by {@link BudgetedMethod}) or
 * routed to a bounded implementation ({@link BoundedStringMethods}). Names on no list are refused when a template is
 * saved ({@link TemplateTreeRules}).
 */
final class SandboxMethods {

    static final Set<String> NEVER = Set.of("getClass", "class", "wait", "notify", "notifyAll", "hashCode",
            "getDeclaringClass", "describeConstable", "resolveConstantDesc");

    static final Set<String> TEXT = Set.of("length", "isEmpty", "isBlank", "charAt", "codePointAt", "codePointBefore",
            "codePointCount", "offsetByCodePoints", "compareTo", "compareToIgnoreCase", "contentEquals", "equals",
            "equalsIgnoreCase", "startsWith", "endsWith", "regionMatches", "indexOf", "lastIndexOf", "contains",
            "substring", "subSequence", "trim", "strip", "stripLeading", "stripTrailing", "toString", "concat",
            "toUpperCase", "toLowerCase", "repeat", "replace", "replaceAll", "replaceFirst", "matches", "split");

    static final Set<String> SCALAR = Set.of("intValue", "longValue", "doubleValue", "floatValue", "shortValue",
            "byteValue", "booleanValue", "charValue", "toString", "compareTo", "equals", "signum", "isNaN", "isInfinite");

    static final Set<String> COLLECTION_READS = Set.of("get", "getOrDefault", "containsKey", "containsValue",
            "contains", "isEmpty", "size", "keySet", "values", "entrySet", "indexOf", "getKey", "getValue", "getFirst",
            "getLast", "toString", "equals");

    /** Property reads ({@code $s.empty}) allowed on texts; every other getter of a plain value is out of reach. */
    static final Set<String> TEXT_PROPERTIES = Set.of("empty", "blank");

    /** Results at most this many characters per character of input; absent means the result is no larger. */
    private static final Map<String, Integer> GROWTH = Map.ofEntries(Map.entry("toUpperCase", 3),
            Map.entry("toLowerCase", 3), Map.entry("uppercase", 3), Map.entry("lowercase", 3), Map.entry("ucfirst", 3),
            Map.entry("ucwords", 3), Map.entry("toString", 3), Map.entry("htmlencode", 6), Map.entry("base64encode", 4),
            Map.entry("urlencode", 9), Map.entry("rawurlencode", 9));

    /** Results that are a number, a truth value, a character or an element the receiver already holds. */
    private static final Set<String> SMALL = Set.of("length", "isEmpty", "isBlank", "charAt", "codePointAt",
            "codePointBefore", "codePointCount", "offsetByCodePoints", "compareTo", "compareToIgnoreCase",
            "contentEquals", "equals", "equalsIgnoreCase", "startsWith", "endsWith", "regionMatches", "indexOf",
            "lastIndexOf", "contains", "matches", "intValue", "longValue", "doubleValue", "floatValue", "shortValue",
            "byteValue", "booleanValue", "charValue", "signum", "isNaN", "isInfinite", "get", "getOrDefault",
            "containsKey", "containsValue", "size", "keySet", "values", "entrySet", "getKey", "getValue", "getFirst",
            "getLast", "index");

    private static final Set<String> HELPERS = publicMethods(TextFilters.class, Spin.class);
    private static final Set<String> CALLABLE = union(TEXT, SCALAR, COLLECTION_READS, HELPERS);

    private SandboxMethods() {
    }

    static boolean allowed(Object receiver, String method) {
        if (NEVER.contains(method)) {
            return false;
        }
        if (receiver instanceof String) {
            return TEXT.contains(method);
        }
        if (receiver instanceof Number || receiver instanceof Boolean || receiver instanceof Character) {
            return SCALAR.contains(method);
        }
        if (receiver instanceof TemplateHelper) {
            return true;
        }
        return (receiver instanceof Map<?, ?> || receiver instanceof Collection<?> || receiver instanceof Map.Entry<?, ?>)
                && COLLECTION_READS.contains(method);
    }

    /** Whether any receiver accepts a method of this name: what a template may name at all. */
    static boolean callable(String method) {
        return CALLABLE.contains(method) && !NEVER.contains(method);
    }

    /** How many characters of result a method can make of each character of its receiver and arguments. */
    static int growth(String method) {
        return SMALL.contains(method) ? 0 : GROWTH.getOrDefault(method, 1);
    }

    private static Set<String> publicMethods(Class<?>... classes) {
        return Arrays.stream(classes).flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .map(Method::getName).collect(Collectors.toUnmodifiableSet());
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        Arrays.stream(sets).forEach(all::addAll);
        return Set.copyOf(all);
    }
}
