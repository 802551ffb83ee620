package io.haneul.core.engine;

import io.haneul.core.model.ErrorShape;
import io.haneul.core.model.OperationModel;
import io.haneul.core.model.ServiceModel;
import io.haneul.core.protocol.XmlNaming;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service as the engine serves it: its API model, the SDK classes of each operation, the
 * provider methods that implement them, and the naming the XML protocols use.
 */
public final class ServiceBinding {

    private final ServiceModel model;
    private final XmlNaming naming;
    private final Map<String, OperationBinding> operations = new LinkedHashMap<>();
    private final Map<String, ErrorShape> errorsByExceptionClass = new LinkedHashMap<>();
    private final SdkClassIndex classes;
    private final ErrorTranslator translator;
    private final HttpInterceptor interceptor;
    private final WireStyle style;

    /**
     * @param provider the object whose {@code (RequestContext, XxxRequest)} methods implement operations;
     *                 null for a service known only by its model
     */
    public ServiceBinding(ServiceModel model, Object provider, XmlNaming naming, ClassLoader loader) {
        this(model, provider, naming, loader, WireStyle.DEFAULT);
    }

    /** @param style how this service's answers differ from the engine's common case */
    public ServiceBinding(ServiceModel model, Object provider, XmlNaming naming, ClassLoader loader, WireStyle style) {
        this(model, provider, ProviderMethods.of(provider), ProviderMethods.documentsOf(provider), naming, loader, style);
    }

    /**
     * A service whose handlers are given directly, keyed by the SDK request class they take, rather
     * than discovered on a provider object: for generic handlers such as the model-wide codec test's.
     */
    public static ServiceBinding withHandlers(ServiceModel model, Map<Class<?>, OperationHandler> handlers,
                                              XmlNaming naming, ClassLoader loader) {
        return new ServiceBinding(model, null, Map.copyOf(handlers), Map.of(), naming, loader, WireStyle.DEFAULT);
    }

    private ServiceBinding(ServiceModel model, Object provider, Map<Class<?>, OperationHandler> handlers,
                           Map<String, DocumentOperations.DocumentHandler> documents,
                           XmlNaming naming, ClassLoader loader, WireStyle style) {
        this.model = model;
        this.style = style;
        this.naming = naming;
        this.classes = SdkClassIndex.of(model.sdkModelPackage(), loader);
        this.translator = provider instanceof ErrorTranslator t ? t : e -> null;
        this.interceptor = provider instanceof HttpInterceptor i ? i : null;
        for (OperationModel op : model.operations().values()) {
            Class<?> request = classes.find(op.name() + "Request").orElse(null);
            Class<?> response = classes.find(op.name() + "Response").orElse(null);
            // an operation with SDK classes is always bound through them; documents serve only the others
            operations.put(op.name(), new OperationBinding(this, op, request, response,
                    request == null ? null : handlers.get(request), request == null ? documents.get(op.name()) : null));
        }
        if (provider != null) {
            checkAnsweredAs(model, ProviderMethods.answeredAs(provider.getClass()));
        }
        for (ErrorShape e : model.errors().values()) {
            classes.findException(e.shapeName()).ifPresent(c -> errorsByExceptionClass.put(c.getName(), e));
        }
    }

    /** Each {@link DocumentOperations.AnsweredAs} pair must name two operations with one HTTP binding, the second served. */
    private void checkAnsweredAs(ServiceModel model, Map<String, String> pairs) {
        pairs.forEach((old, answering) -> {
            OperationModel a = model.operations().get(old);
            OperationModel b = model.operations().get(answering);
            OperationBinding served = operations.get(answering);
            if (a == null || b == null || !a.httpMethod().equals(b.httpMethod()) || !a.requestUri().equals(b.requestUri())
                    || served == null || !served.implemented()) {
                throw new IllegalStateException(old + " cannot be answered as " + answering + ": not the same request, or not served");
            }
        });
    }

    public ServiceModel model() {
        return model;
    }

    public String id() {
        return model.id();
    }

    public XmlNaming naming() {
        return naming;
    }

    /** How this service's answers differ from the engine's common case (empty members, error body). */
    public WireStyle style() {
        return style;
    }

    /** True when the SDK module of this service is on the classpath. */
    public boolean hasSdkClasses() {
        return !classes.isEmpty();
    }

    public Optional<OperationBinding> operation(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    public List<OperationBinding> operations() {
        return List.copyOf(operations.values());
    }

    /** The error shape an SDK exception class stands for. */
    public Optional<ErrorShape> errorForException(Class<?> exceptionClass) {
        return Optional.ofNullable(errorsByExceptionClass.get(exceptionClass.getName()));
    }

    /** The provider's translation of its domain exceptions into AWS errors. */
    public ErrorTranslator errorTranslator() {
        return translator;
    }

    /** The provider's hook on raw requests and responses (S3's CORS), if it has one. */
    public Optional<HttpInterceptor> interceptor() {
        return Optional.ofNullable(interceptor);
    }

    public Optional<Class<?>> sdkClass(String simpleName) {
        return classes.find(simpleName);
    }
}
