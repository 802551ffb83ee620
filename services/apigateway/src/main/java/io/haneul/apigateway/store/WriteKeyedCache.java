package io.haneul.apigateway.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers read from a store, each kept with the store's {@link WriteCount} value read before it: valid
 * while that count has not moved. Bounded: past {@code limit} entries it starts empty again (the
 * invoke path keeps only what is hot).
 */
public final class WriteKeyedCache<V> {

    private record Entry<V>(long writes, V value) {
    }

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final int limit;

    public WriteKeyedCache(int limit) {
        this.limit = limit;
    }

    /**
     * The answer for {@code key} as of {@code writes} (read before the store, so an answer is never tagged
     * newer than it is), loading it when the kept one is older.
     */
    public V get(String key, long writes, Supplier<V> load) {
        Entry<V> cached = entries.get(key);
        if (cached != null && cached.writes() == writes) {
            return cached.value();
        }
        V fresh = load.get();
        if (entries.size() >= limit) {
            entries.clear();
        }
        entries.put(key, new Entry<>(writes, fresh));
        return fresh;
    }
}
