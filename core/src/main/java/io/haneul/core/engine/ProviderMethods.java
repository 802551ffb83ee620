package io.haneul.core.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the operations a provider implements: its public methods shaped
 * {@code XxxResponse anyName(RequestContext, XxxRequest)}. What a provider overrides is what it
 * implements, so coverage is computed from the code, never from a hand-kept list.
 */
public final class ProviderMethods {

    private ProviderMethods() {
    }

    /** Handlers keyed by the SDK request class they take. */
    public static Map<Class<?>, OperationHandler> of(Object provider) {
        Map<Class<?>, OperationHandler> handlers = new HashMap<>();
        if (provider == null) {
            return handlers;
        }
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        for (Method m : provider.getClass().getMethods()) {
            Class<?>[] params = m.getParameterTypes();
            if (params.length != 2 || params[0] != RequestContext.class || Modifier.isStatic(m.getModifiers())
                    || !params[1].getSimpleName().endsWith("Request") || m.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                MethodHandle mh = lookup.unreflect(m).bindTo(provider)
                        .asType(MethodType.methodType(Object.class, RequestContext.class, Object.class));
                handlers.put(params[1], mh::invokeExact);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("provider method not accessible: " + m, e);
            }
        }
        return handlers;
    }
}
