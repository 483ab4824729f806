package com.emailengine.core.templating;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.velocity.util.introspection.Info;
import org.apache.velocity.util.introspection.SecureUberspector;
import org.apache.velocity.util.introspection.VelMethod;
import org.apache.velocity.util.introspection.VelPropertyGet;
import org.apache.velocity.util.introspection.VelPropertySet;

/**
 * What a template may call, as an allow-list on top of Velocity's {@link SecureUberspector} (which only denies a
 * list of dangerous classes but still hands out {@code $x.class}): the methods {@link SandboxMethods} lists for
 * strings, numbers, booleans and collections (read-only), the public methods of {@link TemplateHelper}s; never
 * {@code getClass}, never a property assignment. Everything else resolves to nothing, which strict mode turns into a
 * failed render. Every call runs within the render's budget ({@link BudgetedMethod}); the string methods that are not
 * linear run bounded ({@link BoundedStringMethods}).
 */
public final class SandboxUberspector extends SecureUberspector {

    @Override
    public VelMethod getMethod(Object obj, String methodName, Object[] args, Info info) {
        if (obj == null || !SandboxMethods.allowed(obj, methodName)) {
            return null;
        }
        VelMethod method = super.getMethod(obj, methodName, args, info);
        if (method == null) {
            return null;
        }
        VelMethod bounded = obj instanceof String ? BoundedStringMethods.of(method) : null;
        return bounded != null ? new BudgetedMethod(bounded, 0) : new BudgetedMethod(method, SandboxMethods.growth(methodName));
    }

    @Override
    public VelPropertyGet getPropertyGet(Object obj, String identifier, Info info) {
        if (obj == null || SandboxMethods.NEVER.contains(identifier)) {
            return null;
        }
        if (obj instanceof Map<?, ?> || obj instanceof TemplateHelper || obj instanceof Map.Entry<?, ?>
                || obj instanceof String && SandboxMethods.TEXT_PROPERTIES.contains(identifier)
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
}
