package io.haneul.lambda.exec;

import java.time.Duration;
import java.util.Optional;

/** What the Runtime API plane needs of the running Lambda service: environments by id, and how long to hold {@code next}. */
public interface RuntimeApiHost {

    Optional<ExecutionEnvironment> environment(String id);

    Duration nextPoll();

    /**
     * Whether {@code next} waits for an event as long as the environment lives (asking again every
     * {@link #nextPoll()}), instead of answering 204 after one poll. Only a listener without an idle
     * timeout can do it ({@link RuntimeApiLoopback}).
     */
    default boolean holdsNext() {
        return false;
    }
}
