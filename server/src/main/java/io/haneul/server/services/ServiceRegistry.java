package io.haneul.server.services;

import io.haneul.core.engine.ServiceBinding;
import io.haneul.core.model.ModelIndex;
import io.haneul.core.model.ModelLoader;
import io.haneul.core.model.ServiceModel;
import io.haneul.core.protocol.XmlNaming;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Every API model Haneul ships and the service modules found on the classpath. The models' metadata
 * (what routing needs) comes from the index the build writes ({@link ModelIndex}); a whole model is
 * read on its service's first API request, and a module's provider is created on its service's first
 * request (or at start for the few that {@link ServiceModule#startEagerly}), so unused services cost nothing.
 */
public final class ServiceRegistry {

    private final Map<String, ServiceModel> models = new LinkedHashMap<>();
    private final Map<String, ServiceModel> fullModels = new ConcurrentHashMap<>();
    private final ModelLoader modelLoader = new ModelLoader();
    private final Map<String, ServiceModule> moduleByModelId = new LinkedHashMap<>();
    private final List<ServiceModule> modules = new ArrayList<>();
    /** Read once: the resolver and the router must share the same addressing objects. */
    private final Map<String, io.haneul.core.dataplane.ApiAddressing> addressing;
    private final Map<String, String> modelFileById = new LinkedHashMap<>();
    private final Map<String, ServiceBinding> bindings = new ConcurrentHashMap<>();
    private final Map<String, Object> providers = new ConcurrentHashMap<>();
    private final ServiceEnvironment environment;
    private final Predicate<String> enabled;
    private final ClassLoader loader;

    public ServiceRegistry(java.util.function.Function<ServiceRegistry, ServiceEnvironment> environment, Predicate<String> enabled,
                           ClassLoader loader) {
        this(environment, enabled, loader, ModuleIndex.load(loader));
    }

    /** With the given modules instead of those on the classpath (tests). */
    ServiceRegistry(java.util.function.Function<ServiceRegistry, ServiceEnvironment> environment, Predicate<String> enabled,
                    ClassLoader loader, Iterable<ServiceModule> found) {
        this.environment = environment.apply(this);
        this.enabled = enabled;
        this.loader = loader;
        for (ModelIndex.Entry e : ModelIndex.read()) {
            models.put(e.metadata().id(), e.metadata());
            modelFileById.put(e.metadata().id(), e.fileStem());
        }
        for (ServiceModule module : found) {
            modules.add(module);
            for (String file : module.modelFiles()) {
                moduleByModelId.put(ModelLoader.modelId(file), module);
            }
        }
        this.addressing = collectAddressing();
    }

    /** Every shipped model's metadata (operations and shapes not loaded): enough to route. */
    public Collection<ServiceModel> models() {
        return models.values();
    }

    public Optional<ServiceModel> model(String id) {
        return Optional.ofNullable(models.get(id));
    }

    /** The whole model of a service, read on first use. */
    public ServiceModel fullModel(String id) {
        if (!models.containsKey(id)) {
            throw new IllegalArgumentException("unknown service " + id);
        }
        return fullModels.computeIfAbsent(id, k -> modelLoader.load(modelFileById.get(k)));
    }

    /** True when a module implements the service and the configuration enables it. */
    public boolean isServed(String id) {
        ServiceModule module = moduleByModelId.get(id);
        return module != null && enabled.test(module.id());
    }

    /** The module id a model belongs to, e.g. {@code ses} for {@code sesv2}. */
    public Optional<String> moduleId(String modelId) {
        return Optional.ofNullable(moduleByModelId.get(modelId)).map(ServiceModule::id);
    }

    /**
     * The binding of a served service, creating its provider on first use; for a service without a
     * module, a binding with no provider, so that its operations answer 501.
     */
    public ServiceBinding binding(String id) {
        ServiceBinding b = bindings.get(id);
        if (b != null) {
            return b;
        }
        synchronized (this) {
            // not computeIfAbsent: starting one service may start another (SNS needs SQS)
            b = bindings.get(id);
            if (b == null) {
                b = bind(id);
                bindings.put(id, b);
            }
            return b;
        }
    }

    /**
     * The engine's view of a service: its whole model, the SDK classes of its operations and its
     * provider's methods. Made on the first API request only: a provider started with the server
     * ({@link #startEager}) or by another module ({@link #export}) runs without it, so that its
     * start parses no model and loads no SDK class.
     */
    private ServiceBinding bind(String id) {
        ServiceModel model = fullModel(id);
        Object provider = null;
        XmlNaming naming = XmlNaming.TRAITS;
        io.haneul.core.engine.WireStyle style = io.haneul.core.engine.WireStyle.DEFAULT;
        if (isServed(id)) {
            ServiceModule module = moduleByModelId.get(id);
            provider = providerOf(id);
            style = module.wireStyle(id);
            if (provider instanceof XmlNaming custom) {
                naming = custom;
            } else {
                naming = io.haneul.core.model.SmithyModel.load(modelFileById.get(id)).<XmlNaming>map(s -> s).orElse(XmlNaming.TRAITS);
            }
        }
        return new ServiceBinding(model, provider, naming, loader, style);
    }

    /**
     * True once the service's first API request made its binding (whole model, SDK classes, provider
     * methods); a provider started with the server or by another module does not make it.
     */
    public boolean isBound(String id) {
        return bindings.containsKey(id);
    }

    /** An internal API some served module exports (e.g. SQS's QueueDelivery), starting it if needed. */
    public Optional<Object> export(Class<?> type) {
        for (Map.Entry<String, ServiceModule> e : moduleByModelId.entrySet()) {
            if (!isServed(e.getKey())) {
                continue;
            }
            Optional<Object> found = e.getValue().export(type, providerOf(e.getKey()));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The provider of a served model, created on first use (not its binding: see {@link #bind}). */
    private Object providerOf(String id) {
        Object p = providers.get(id);
        if (p != null) {
            return p;
        }
        synchronized (this) {
            // not computeIfAbsent: starting one service may start another (SNS needs SQS)
            p = providers.get(id);
            if (p == null) {
                p = moduleByModelId.get(id).provider(modelFileById.get(id), environment);
                providers.put(id, p);
            }
            return p;
        }
    }

    /** An internal route of a served module, bound to the module's running provider. */
    public record BoundRoute(io.haneul.core.internal.RouteAccess access,
                             java.util.function.Function<io.haneul.core.internal.InternalCall, io.haneul.core.wire.WireResponse> handler) {
    }

    /** Every internal route of the served modules, each bound to its module's running provider. */
    public Map<String, BoundRoute> internalRoutes() {
        Map<String, BoundRoute> routes = new LinkedHashMap<>();
        moduleByModelId.forEach((modelId, module) -> {
            if (isServed(modelId)) {
                module.internalRoutes().forEach((key, route) -> routes.putIfAbsent(key,
                        new BoundRoute(route.access(), call -> route.handle(providerOf(modelId), call))));
            }
        });
        return routes;
    }

    /** A data plane of a served module, with the module's running provider (its first model's, started on first use). */
    public record BoundPlane(String moduleId, io.haneul.core.dataplane.DataPlane plane, java.util.function.Supplier<Object> provider) {
    }

    /** The data planes of every served module, modules without models included. */
    public List<BoundPlane> dataPlanes() {
        List<BoundPlane> planes = new ArrayList<>();
        for (ServiceModule module : modules) {
            if (!enabled.test(module.id())) {
                continue;
            }
            String firstModel = moduleByModelId.entrySet().stream().filter(e -> e.getValue() == module)
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            java.util.function.Supplier<Object> provider = firstModel == null || !models.containsKey(firstModel) ? () -> null
                    : () -> providerOf(firstModel);
            module.dataPlanes().forEach(plane -> planes.add(new BoundPlane(module.id(), plane, provider)));
        }
        return planes;
    }

    /**
     * How the modules on the classpath address their APIs beyond the generic rules, by model id:
     * disabled ones too, so that their requests still resolve and are answered {@code ServiceDisabled}
     * (the router applies no rewrite or waiver of a service it does not serve).
     */
    public Map<String, io.haneul.core.dataplane.ApiAddressing> apiAddressing() {
        return addressing;
    }

    private Map<String, io.haneul.core.dataplane.ApiAddressing> collectAddressing() {
        Map<String, io.haneul.core.dataplane.ApiAddressing> addressing = new LinkedHashMap<>();
        moduleByModelId.forEach((modelId, module) -> {
            if (models.containsKey(modelId)) {
                io.haneul.core.dataplane.ApiAddressing a = module.apiAddressing().get(modelId);
                if (a != null) {
                    addressing.put(modelId, a);
                }
            }
        });
        return java.util.Collections.unmodifiableMap(addressing); // in module order: claims are asked in it
    }

    /** The largest request body a model's module takes ({@link ServiceModule#maxRequestBytes}); unlimited when no module serves it. */
    public long maxRequestBytes(String modelId) {
        ServiceModule module = moduleByModelId.get(modelId);
        return module == null ? Long.MAX_VALUE : module.maxRequestBytes(modelId);
    }

    /** The request URIs of a model's operations, read from its file without loading it (routing). */
    public List<String> requestUris(String modelId) {
        ServiceModel full = fullModels.get(modelId);
        if (full != null) {
            return full.operations().values().stream().map(io.haneul.core.model.OperationModel::requestUri).toList();
        }
        return modelLoader.requestUris(modelFileById.get(modelId));
    }

    /** The provider class implementing a model, if a module on the classpath has one. */
    public Optional<Class<?>> providerType(String modelId) {
        ServiceModule module = moduleByModelId.get(modelId);
        return module == null ? Optional.empty() : Optional.of(module.providerType(modelFileById.get(modelId)));
    }

    /**
     * True when an enabled module answers some of the model's operations through its data plane (a
     * search domain's endpoints answer cloudsearchdomain), though no module serves the model as an API.
     */
    public boolean isServedByDataPlane(String id) {
        return modules.stream().anyMatch(m -> enabled.test(m.id()) && !m.dataPlaneOperations().getOrDefault(id, Set.of()).isEmpty());
    }

    /** True when the model is answered at all: served as an API ({@link #isServed}) or by a data plane. */
    public boolean isAnswered(String id) {
        return isServed(id) || isServedByDataPlane(id);
    }

    /** Operations of a model that modules answer through a data plane ({@link ServiceModule#dataPlaneOperations()}). */
    public Set<String> dataPlaneOperations(String modelId) {
        Set<String> ops = new TreeSet<>();
        for (ServiceModule module : modules) {
            ops.addAll(module.dataPlaneOperations().getOrDefault(modelId, Set.of()));
        }
        return ops;
    }

    public ClassLoader classLoader() {
        return loader;
    }

    /** Starts the providers of served modules that ask to start with the server ({@link ServiceModule#startEagerly}). */
    public void startEager() {
        java.util.Set<ServiceModule> checked = new java.util.HashSet<>();
        moduleByModelId.forEach((modelId, module) -> {
            if (isServed(modelId) && checked.add(module)) {
                module.checkAtStart(environment);
            }
        });
        moduleByModelId.forEach((modelId, module) -> {
            if (isServed(modelId) && module.startEagerly()) {
                long started = System.nanoTime();
                providerOf(modelId);
                org.slf4j.LoggerFactory.getLogger(ServiceRegistry.class).debug("startup: {} started in {} ms", modelId, (System.nanoTime() - started) / 1_000_000);
            }
        });
    }

    /** What running modules count for the metrics ({@link ServiceModule#counters}), by metric name. */
    public Map<String, Long> counters() {
        Map<String, Long> counters = new java.util.TreeMap<>();
        java.util.Set<Object> seen = new java.util.HashSet<>();
        moduleByModelId.forEach((modelId, module) -> {
            Object provider = providers.get(modelId);
            if (provider != null && seen.add(provider)) {
                module.counters(provider).forEach((k, v) -> counters.merge(k, v, Long::sum));
            }
        });
        return counters;
    }

    /** What running modules add to the health report ({@link ServiceModule#health}). */
    public Map<String, Object> healthDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        moduleByModelId.forEach((modelId, module) -> {
            Object provider = providers.get(modelId);
            if (provider != null) {
                module.health(provider).forEach(details::putIfAbsent);
            }
        });
        return details;
    }

    /**
     * Closes the running providers that hold resources of their own (listeners, threads), then the
     * modules whose providers ran (what they share across providers).
     */
    public void closeProviders() {
        java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.Set<ServiceModule> ran = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        providers.forEach((modelId, provider) -> {
            ran.add(moduleByModelId.get(modelId));
            if (provider instanceof AutoCloseable c && seen.add(provider)) {
                closeQuietly(provider.getClass().getName(), c::close);
            }
        });
        ran.stream().filter(java.util.Objects::nonNull).forEach(module -> closeQuietly(module.id(), module::close));
    }

    private static void closeQuietly(String what, AutoCloseable closing) {
        try {
            closing.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(ServiceRegistry.class).warn("closing {} failed", what, e);
        }
    }

    /** Starts the providers of every served service now rather than on first request. */
    public void startAll() {
        moduleByModelId.keySet().stream().filter(this::isServed).forEach(this::binding);
    }
}
