package io.haneul.apigateway.invoke.auth;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lambda authorizer answers by authorizer and identity (the token, or the REQUEST identity sources'
 * values) for the authorizer's TTL, as API Gateway caches them; bounded, least recently used out.
 * The key starts with the API and stage (AWS caches per stage, and FlushStageAuthorizersCache
 * empties one stage's) and includes the authorizer's definition, so that an edited authorizer is
 * asked afresh.
 */
final class AuthorizerCache {

    private record Cached(AuthorizerAnswer answer, Instant expires) {
    }

    private final Map<String, Cached> entries;

    AuthorizerCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized AuthorizerAnswer get(String key, Instant now) {
        Cached e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (!now.isBefore(e.expires())) {
            entries.remove(key);
            return null;
        }
        return e.answer();
    }

    /** Forgets every answer whose key starts with {@code prefix} (a stage's, for FlushStageAuthorizersCache). */
    synchronized void flush(String prefix) {
        entries.keySet().removeIf(k -> k.startsWith(prefix));
    }

    synchronized void put(String key, AuthorizerAnswer answer, Instant expires) {
        entries.put(key, new Cached(answer, expires));
    }
}
