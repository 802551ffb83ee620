package io.haneul.core.spi;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What the server hands to service modules: the clock, shared components (the store, the durable
 * scheduler, the notifier, other services' internal APIs) looked up by type, and settings.
 * Core does not know the storage module, so components are typed lookups rather than fields.
 */
public final class ServiceEnvironment {

    private final Clock clock;
    private final Map<Class<?>, java.util.function.Supplier<?>> components;
    private final Map<String, String> settings;
    private final java.util.function.Function<Class<?>, Optional<Object>> exports;

    /**
     * @param components suppliers of shared components by type; a supplier may block until its
     *                   component is ready (the server opens the store while the listener starts)
     */
    public ServiceEnvironment(Clock clock, Map<Class<?>, java.util.function.Supplier<?>> components, Map<String, String> settings) {
        this(clock, components, settings, type -> Optional.empty());
    }

    /** @param exports finds an internal API another service module offers, starting that service if needed */
    public ServiceEnvironment(Clock clock, Map<Class<?>, java.util.function.Supplier<?>> components, Map<String, String> settings,
                              java.util.function.Function<Class<?>, Optional<Object>> exports) {
        this.clock = clock;
        this.components = Map.copyOf(components);
        this.settings = Map.copyOf(settings);
        this.exports = exports;
    }

    public Clock clock() {
        return clock;
    }

    public <T> T require(Class<T> type) {
        return find(type).orElseThrow(() -> new IllegalStateException("no component " + type.getName()));
    }

    public <T> Optional<T> find(Class<T> type) {
        java.util.function.Supplier<?> supplier = components.get(type);
        if (supplier != null) {
            return Optional.ofNullable(supplier.get()).map(type::cast);
        }
        return exports.apply(type).map(type::cast);
    }

    public String setting(String name, String defaultValue) {
        return settings.getOrDefault(name, defaultValue);
    }
}
