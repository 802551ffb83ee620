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
    private final Map<Class<?>, Object> components;
    private final Map<String, String> settings;

    public ServiceEnvironment(Clock clock, Map<Class<?>, Object> components, Map<String, String> settings) {
        this.clock = clock;
        this.components = Map.copyOf(components);
        this.settings = Map.copyOf(settings);
    }

    public Clock clock() {
        return clock;
    }

    public <T> T require(Class<T> type) {
        return find(type).orElseThrow(() -> new IllegalStateException("no component " + type.getName()));
    }

    public <T> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(components.get(type)).map(type::cast);
    }

    public String setting(String name, String defaultValue) {
        return settings.getOrDefault(name, defaultValue);
    }
}
