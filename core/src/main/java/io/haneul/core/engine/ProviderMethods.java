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

    /** The SDK request classes a provider class (and the parts it names, see {@link ProviderParts}) has operation methods for. */
    public static java.util.Set<Class<?>> requestTypes(Class<?> providerType) {
        java.util.Set<Class<?>> types = new java.util.HashSet<>();
        for (Class<?> type : withParts(providerType)) {
            for (Method m : type.getMethods()) {
                if (isOperation(m)) {
                    types.add(m.getParameterTypes()[1]);
                }
            }
        }
        return types;
    }

    /** The operations a provider class (and its parts) answers on documents ({@link DocumentOperations.Names}). */
    public static java.util.Set<String> documentOperationNames(Class<?> providerType) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Class<?> type : withParts(providerType)) {
            DocumentOperations.Names declared = type.getAnnotation(DocumentOperations.Names.class);
            if (declared != null) {
                names.addAll(java.util.List.of(declared.value()));
            }
            names.addAll(answeredAs(type).keySet());
        }
        return names;
    }

    /** The document handlers of a provider and its parts; an operation answered twice fails the start. */
    public static Map<String, DocumentOperations.DocumentHandler> documentsOf(Object provider) {
        Map<String, DocumentOperations.DocumentHandler> handlers = new HashMap<>();
        java.util.List<Object> objects = new java.util.ArrayList<>();
        if (provider != null) {
            objects.add(provider);
        }
        if (provider instanceof ProviderParts composed) {
            objects.addAll(composed.operationParts());
        }
        for (Object o : objects) {
            if (o instanceof DocumentOperations documents) {
                documents.documentOperations().forEach((name, handler) -> {
                    if (handlers.put(name, handler) != null) {
                        throw new IllegalStateException("two providers answer " + name + " on documents");
                    }
                });
            }
        }
        return handlers;
    }

    /** The {@link DocumentOperations.AnsweredAs} pairs a provider class (and its parts) declares: old name to answering name. */
    static Map<String, String> answeredAs(Class<?> type) {
        Map<String, String> pairs = new java.util.LinkedHashMap<>();
        for (Class<?> t : withParts(type)) {
            DocumentOperations.AnsweredAs declared = t.getAnnotation(DocumentOperations.AnsweredAs.class);
            for (String pair : declared == null ? new String[0] : declared.value()) {
                int eq = pair.indexOf('=');
                if (eq < 1) {
                    throw new IllegalStateException("AnsweredAs entries are Old=Answering: " + pair);
                }
                pairs.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return pairs;
    }

    static java.util.List<Class<?>> withParts(Class<?> providerType) {
        java.util.List<Class<?>> types = new java.util.ArrayList<>(java.util.List.of(providerType));
        ProviderParts.Types parts = providerType.getAnnotation(ProviderParts.Types.class);
        if (parts != null) {
            types.addAll(java.util.List.of(parts.value()));
        }
        return types;
    }

    private static boolean isOperation(Method m) {
        Class<?>[] params = m.getParameterTypes();
        return params.length == 2 && params[0] == RequestContext.class && !Modifier.isStatic(m.getModifiers())
                && params[1].getSimpleName().endsWith("Request") && m.getDeclaringClass() != Object.class;
    }

    /**
     * Handlers keyed by the SDK request class they take, from the provider and its parts
     * ({@link ProviderParts}); an operation answered twice is a wiring mistake and fails the start.
     */
    public static Map<Class<?>, OperationHandler> of(Object provider) {
        Map<Class<?>, OperationHandler> handlers = new HashMap<>();
        if (provider == null) {
            return handlers;
        }
        collect(provider, handlers);
        if (provider instanceof ProviderParts composed) {
            for (Object part : composed.operationParts()) {
                collect(part, handlers);
            }
        }
        return handlers;
    }

    private static void collect(Object provider, Map<Class<?>, OperationHandler> handlers) {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        for (Method m : provider.getClass().getMethods()) {
            if (!isOperation(m)) {
                continue;
            }
            Class<?>[] params = m.getParameterTypes();
            try {
                MethodHandle mh = lookup.unreflect(m).bindTo(provider)
                        .asType(MethodType.methodType(Object.class, RequestContext.class, Object.class));
                if (handlers.put(params[1], mh::invokeExact) != null) {
                    throw new IllegalStateException("two provider methods answer " + params[1].getSimpleName());
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("provider method not accessible: " + m, e);
            }
        }
    }
}
