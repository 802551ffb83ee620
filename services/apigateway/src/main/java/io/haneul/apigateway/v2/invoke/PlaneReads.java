package io.haneul.apigateway.v2.invoke;

import io.haneul.apigateway.v2.store.V2Store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the HTTP API plane reads on every request (the API, the stage, the routes, integrations and
 * authorizers it serves), kept while the store has seen no write: keyed on
 * {@link V2Store#writeCount}, so a change made through this node is served at once and one made
 * through another PostgreSQL node within a second. The plane only reads what it gets from here.
 */
final class PlaneReads {

    private static final int MAX_ENTRIES = 10_000;

    private final V2Store store;
    private final Map<String, Object> cached = new ConcurrentHashMap<>();
    private volatile long stamp = -1;

    PlaneReads(V2Store store) {
        this.store = store;
    }

    @SuppressWarnings("unchecked")
    <T> T get(String key, Supplier<T> load) {
        long writes = store.writeCount();
        if (writes != stamp || cached.size() >= MAX_ENTRIES) {
            cached.clear();
            stamp = writes;
        }
        Object hit = cached.get(key);
        if (hit != null) {
            return (T) hit;
        }
        T fresh = load.get();
        if (store.writeCount() == writes) {
            cached.put(key, fresh);
        }
        return fresh;
    }
}
