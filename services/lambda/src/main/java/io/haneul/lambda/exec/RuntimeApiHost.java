package io.haneul.lambda.exec;

import java.time.Duration;
import java.util.Optional;

/** What the Runtime API plane needs of the running Lambda service: environments by id, and how long to hold {@code next}. */
public interface RuntimeApiHost {

    Optional<ExecutionEnvironment> environment(String id);

    Duration nextPoll();
}
