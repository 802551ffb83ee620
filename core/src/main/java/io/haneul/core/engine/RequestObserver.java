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

    RequestObserver NONE = (s, o, st, n) -> {
    };
}
