package io.haneul.swf.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Domain and type lookups kept in memory on a single-node store. A change empties it; a lookup
 * whose read raced a change is answered but not kept (the generation moved while it read), so an
 * answer older than the last change is never cached.
 */
final class RegistryCache {

    /** Lookups kept before the cache starts over (types are at most 10,000 per domain). */
    private static final int MAX_ENTRIES = 20_000;

    private final Map<List<String>, Optional<?>> entries = new HashMap<>();
    private long generation;

    @SuppressWarnings("unchecked")
    <T> Optional<T> get(List<String> key, Supplier<Optional<T>> read) {
        long seen;
        synchronized (this) {
            Optional<?> hit = entries.get(key);
            if (hit != null) {
                return (Optional<T>) hit;
            }
            seen = generation;
        }
        Optional<T> value = read.get();
        synchronized (this) {
            if (generation == seen) {
                if (entries.size() >= MAX_ENTRIES) {
                    entries.clear();
                }
                entries.put(key, value);
            }
        }
        return value;
    }

    /** Called after every write to the registries, committed or not. */
    synchronized void changed() {
        generation++;
        entries.clear();
    }
}
