package io.haneul.apigateway.invoke;

import io.haneul.core.wire.Headers;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stages' response caches ({@code cacheClusterEnabled}). AWS sizes a cache cluster in GB
 * ({@code cacheClusterSize} 0.5 to 237); a local server holding that much would be absurd, so each
 * stage keeps at most {@value #ENTRIES_PER_STAGE} answers in memory, least recently used out, each
 * until its TTL passes on the injected clock. The caches are lost on restart, and flushed by
 * FlushStageCache or when the stage's cache is disabled.
 */
public final class StageCache {

    static final int ENTRIES_PER_STAGE = 1000;

    /** An integration's answer as cached: without the request's own id headers, which each answer gets afresh. */
    record Entry(int status, Headers headers, byte[] body, Instant expires) {
    }

    private final Map<String, Map<String, Entry>> stages = new ConcurrentHashMap<>();

    Entry get(String apiId, String stage, String key, Instant now) {
        Map<String, Entry> entries = stages.get(stageKey(apiId, stage));
        if (entries == null) {
            return null;
        }
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e != null && !now.isBefore(e.expires())) {
                entries.remove(key);
                return null;
            }
            return e;
        }
    }

    void put(String apiId, String stage, String key, Entry entry) {
        Map<String, Entry> entries = stages.computeIfAbsent(stageKey(apiId, stage), k -> new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StageCache.Entry> eldest) {
                return size() > ENTRIES_PER_STAGE;
            }
        });
        synchronized (entries) {
            entries.put(key, entry);
        }
    }

    /** FlushStageCache: forgets every answer the stage cached. */
    public void flush(String apiId, String stage) {
        stages.remove(stageKey(apiId, stage));
    }

    private static String stageKey(String apiId, String stage) {
        return apiId + "/" + stage;
    }
}
