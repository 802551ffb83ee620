package io.haneul.core.engine;

/**
 * Told of every request the engine answers, for metrics and logs.
 */
@FunctionalInterface
public interface RequestObserver {

    /**
     * @param service   service id, e.g. {@code sqs}
     * @param operation operation name, or {@code unknown}
     * @param status    HTTP status answered
     * @param nanos     time spent in the engine
     */
    void observed(String service, String operation, int status, long nanos);

    /**
     * The same, with the caller's account and region (the console's request log filters by them);
     * by default only {@link #observed(String, String, int, long)}.
     */
    default void observed(String service, String operation, int status, long nanos, String account, String region) {
        observed(service, operation, status, nanos);
    }

    RequestObserver NONE = (s, o, st, n) -> {
    };
}
