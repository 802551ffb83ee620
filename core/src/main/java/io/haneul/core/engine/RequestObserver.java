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

    /**
     * One call's parsed input and output, for an observer that asked for them ({@link #wantsCalls()}).
     *
     * @param input  the parsed request (an SDK request object), or null when there was none (a document
     *               operation, a request refused before it was parsed)
     * @param output the answer (an SDK response object; a streamed answer's response without its body), or null
     * @param error  the error body answered (status 400 and above), or null
     */
    record Call(Object input, Object output, byte[] error) {
    }

    /**
     * Whether the engine should hand this observer each call's parsed input and output
     * ({@link #observed(String, String, int, long, String, String, Call)}); read once per request, so that it
     * costs nothing while false.
     */
    default boolean wantsCalls() {
        return false;
    }

    /** The same as {@link #observed(String, String, int, long, String, String)}, with the call, when {@link #wantsCalls()}. */
    default void observed(String service, String operation, int status, long nanos, String account, String region, Call call) {
        observed(service, operation, status, nanos, account, region);
    }

    RequestObserver NONE = (s, o, st, n) -> {
    };
}
