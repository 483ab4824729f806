package com.emailengine.core.templating;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.velocity.util.introspection.Info;
import org.apache.velocity.util.introspection.SecureUberspector;
import org.apache.velocity.util.introspection.VelMethod;
import org.apache.velocity.util.introspection.VelPropertyGet;
import org.apache.velocity.util.introspection.VelPropertySet;

/**
 * What a template may call, as an allow-list on top of Velocity's {@link SecureUberspector} (which only denies a
 * list of dangerous classes but still hands out {@code $x.class}): methods of strings, numbers, booleans and
 * {@link TemplateHelper}s; read-only methods of maps, lists and sets; never {@code getClass}, never a property
 * assignment. Everything else resolves to nothing, which strict mode turns into a failed render.
 */
public final class SandboxUberspector extends SecureUberspector {

    private static final Set<String> NEVER = Set.of("getClass", "class", "wait", "notify", "notifyAll", "hashCode",
            "getDeclaringClass", "describeConstable", "resolveConstantDesc");
    private static final Set<String> COLLECTION_READS = Set.of("get", "getOrDefault", "containsKey", "containsValue",
            "contains", "isEmpty", "size", "keySet", "values", "entrySet", "indexOf", "getKey", "getValue", "getFirst",
            "getLast", "toString", "equals");

    @Override
    public VelMethod getMethod(Object obj, String methodName, Object[] args, Info info) {
        return obj != null && allowed(obj, methodName) ? super.getMethod(obj, methodName, args, info) : null;
    }

    @Override
    public VelPropertyGet getPropertyGet(Object obj, String identifier, Info info) {
        if (obj == null || NEVER.contains(identifier)) {
            return null;
        }
        if (obj instanceof Map<?, ?> || simple(obj) || obj instanceof TemplateHelper || obj instanceof Map.Entry<?, ?>
                || obj instanceof List<?> && (identifier.equals("empty") || identifier.equals("size"))) {
            return super.getPropertyGet(obj, identifier, info);
        }
        return null;
    }

    @Override
    public VelPropertySet getPropertySet(Object obj, String identifier, Object arg, Info info) {
        return null;
    }

    @Override
    public Iterator<?> getIterator(Object obj, Info info) {
        return obj instanceof Collection<?> || obj instanceof Map<?, ?> || obj instanceof Object[] ? super.getIterator(obj, info) : null;
    }

    private static boolean allowed(Object obj, String method) {
        if (NEVER.contains(method)) {
            return false;
        }
        if (simple(obj) || obj instanceof TemplateHelper) {
            return true;
        }
        return (obj instanceof Map<?, ?> || obj instanceof Collection<?> || obj instanceof Map.Entry<?, ?>)
                && COLLECTION_READS.contains(method);
    }

    private static boolean simple(Object obj) {
        return obj instanceof String || obj instanceof Number || obj instanceof Boolean || obj instanceof Character;
    }
}
