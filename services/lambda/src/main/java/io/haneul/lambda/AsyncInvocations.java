package io.haneul.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.lambda.domain.LambdaException;
import io.haneul.lambda.exec.FunctionRunner;
import io.haneul.lambda.exec.InvocationResult;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Event (asynchronous) invocations, queued durably on the shared scheduler: Invoke answers 202 once
 * the event is stored, and a job runs the function later on whichever node claims it. As on AWS, a
 * function error is retried twice, one minute and then two minutes later; after the last attempt
 * the failure is logged (on-failure destinations and dead-letter queues are not done yet). A job
 * for a function deleted meanwhile completes without running.
 */
final class AsyncInvocations {

    static final String KIND = "lambda.invoke-event";
    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvocations.class);
    /** The delays before AWS's two retries of a failed asynchronous invocation. */
    private static final List<Duration> RETRY_DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2));

    private final DurableScheduler scheduler;
    private final FunctionService functions;
    private final FunctionRunner runner;
    private final ObjectMapper json;
    private final Clock clock;

    AsyncInvocations(DurableScheduler scheduler, FunctionService functions, FunctionRunner runner, ObjectMapper json, Clock clock) {
        this.scheduler = scheduler;
        this.functions = functions;
        this.runner = runner;
        this.json = json;
        this.clock = clock;
        scheduler.register(KIND, this::run);
    }

    /** @param qualifier the version or alias the caller named (null: {@code $LATEST}); an alias is resolved, and routed, when the job runs */
    void enqueue(FunctionRecord fn, String qualifier, byte[] event) {
        String name = qualifier == null ? fn.name() : fn.name() + ":" + qualifier;
        schedule(fn.account(), fn.region(), name, Base64.getEncoder().encodeToString(event), 0, Duration.ZERO);
    }

    /** @param name the function name, with {@code :qualifier} when one was given */
    private void schedule(String account, String region, String name, String event, int attempt, Duration delay) {
        String payload = json.createObjectNode().put("account", account).put("region", region).put("function", name)
                .put("event", event).put("attempt", attempt).toString();
        scheduler.schedule(KIND, account + "/" + region + "/" + name, payload, clock.instant().plus(delay));
    }

    private void run(Job job) throws Exception {
        JsonNode p = json.readTree(job.payload());
        String account = p.get("account").asText();
        String region = p.get("region").asText();
        String name = p.get("function").asText();
        int attempt = p.get("attempt").asInt();
        FunctionService.Resolved target;
        try {
            target = functions.target(account, region, name);
        } catch (LambdaException gone) {
            LOG.info("dropping an event for {}: {}", name, gone.getMessage());
            return;
        }
        FunctionRecord fn = target.function();
        InvocationResult result = runner.invoke(fn, functions.codeRoot(fn), Base64.getDecoder().decode(p.get("event").asText()),
                target.invokedArn());
        if (result.functionError() == null) {
            return;
        }
        if (attempt < RETRY_DELAYS.size()) {
            schedule(account, region, name, p.get("event").asText(), attempt + 1, RETRY_DELAYS.get(attempt));
        } else {
            LOG.info("asynchronous invocation of {} failed after {} attempts: {}", fn.arn(), attempt + 1,
                    new String(result.payload(), StandardCharsets.UTF_8));
        }
    }
}
