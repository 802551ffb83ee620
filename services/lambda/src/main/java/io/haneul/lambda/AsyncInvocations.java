package io.haneul.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.lambda.domain.DestinationRules;
import io.haneul.lambda.domain.EventInvokeConfig;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.lambda.domain.LambdaException;
import io.haneul.lambda.domain.ThrottleRetries;
import io.haneul.lambda.exec.FunctionRunner;
import io.haneul.lambda.exec.InvocationResult;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Event (asynchronous) invocations, queued durably on the shared scheduler: Invoke answers 202 once
 * the event is stored, and a job runs the function later on whichever node claims it.
 *
 * <p>Each attempt reads the function's EventInvokeConfig ({@link EventInvokeConfigService}) as it
 * is then. A function error is retried up to {@code MaximumRetryAttempts} times (AWS's default 2),
 * one minute and then two minutes later, as on AWS. An event older than
 * {@code MaximumEventAgeInSeconds} (default 6 hours) when its next attempt comes is not run again.
 * The outcome is recorded as AWS does ({@link InvocationRecords}): a success to the OnSuccess
 * destination; retries exhausted or an expired event to the OnFailure destination, else to the
 * function's dead-letter queue or topic, else only logged ({@link Destinations} sends them).
 *
 * <p>A throttled attempt (TooManyRequestsException: no concurrency left) is not a function error and
 * counts no invocation: the event is stored again for a later try, 1 second doubling to 5 minutes
 * after the last ({@link ThrottleRetries}), for as long as it is younger than its maximum age (6 hours
 * by default), then it goes to the on-failure destination as {@code EventAgeExceeded}. Each try is a
 * durable job of its own, so the retries survive a restart. A job for a function deleted meanwhile
 * completes without running.
 */
final class AsyncInvocations {

    static final String KIND = "lambda.invoke-event";
    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvocations.class);
    /** The delays before AWS's two retries of a failed asynchronous invocation. */
    private static final List<Duration> RETRY_DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2));

    private final DurableScheduler scheduler;
    private final FunctionService functions;
    private final FunctionRunner runner;
    private final EventInvokeConfigService configs;
    private final Destinations destinations;
    private final InvocationRecords records;
    private final ObjectMapper json;
    private final Clock clock;

    AsyncInvocations(DurableScheduler scheduler, FunctionService functions, FunctionRunner runner, EventInvokeConfigService configs,
                     Destinations destinations, ObjectMapper json, Clock clock) {
        this.scheduler = scheduler;
        this.functions = functions;
        this.runner = runner;
        this.configs = configs;
        this.destinations = destinations;
        this.records = new InvocationRecords(json);
        this.json = json;
        this.clock = clock;
        scheduler.register(KIND, this::run);
    }

    /** Stores an event for {@code fn} invoked as {@code qualifier} (null: {@code $LATEST}); returns its request id. */
    String enqueue(FunctionRecord fn, String qualifier, byte[] event) {
        String requestId = UUID.randomUUID().toString();
        ObjectNode p = json.createObjectNode().put("account", fn.account()).put("region", fn.region()).put("function", fn.name())
                .put("qualifier", qualifier == null ? FunctionRecord.LATEST : qualifier)
                .put("event", Base64.getEncoder().encodeToString(event)).put("attempt", 0)
                .put("requestId", requestId).put("enqueuedAt", clock.millis());
        schedule(p, Duration.ZERO);
        return requestId;
    }

    private void schedule(ObjectNode p, Duration delay) {
        schedule(p, clock.instant().plus(delay));
    }

    private void schedule(ObjectNode p, Instant at) {
        scheduler.schedule(KIND, p.get("account").asText() + "/" + p.get("region").asText() + "/" + p.get("function").asText(),
                p.toString(), at);
    }

    private void run(Job job) throws Exception {
        ObjectNode p = (ObjectNode) json.readTree(job.payload());
        String account = p.get("account").asText();
        String region = p.get("region").asText();
        String name = p.get("function").asText();
        String qualifier = p.path("qualifier").asText(FunctionRecord.LATEST);
        int attempt = p.get("attempt").asInt();
        if (!p.hasNonNull("requestId")) {
            // a job queued by an older server: it gets its id and its age from its first run here
            p.put("requestId", UUID.randomUUID().toString()).put("enqueuedAt", clock.millis());
        }
        FunctionService.Resolved target;
        try {
            // an alias is resolved, and its routing weights applied, when the job runs
            target = functions.target(account, region, FunctionRecord.LATEST.equals(qualifier) ? name : name + ":" + qualifier);
        } catch (LambdaException gone) {
            LOG.info("dropping an event for {}: {}", name, gone.getMessage());
            return;
        }
        FunctionRecord fn = target.function();
        EventInvokeConfig config = configs.effective(account, region, name, qualifier);
        byte[] event = Base64.getDecoder().decode(p.get("event").asText());
        long enqueuedAt = p.path("enqueuedAt").asLong(clock.millis());
        if (clock.millis() - enqueuedAt > config.maxAgeSeconds() * 1000L) {
            failed(fn, config, p, "EventAgeExceeded", attempt, event, lastResponse(p));
            return;
        }
        InvocationResult result;
        try {
            result = runner.invoke(fn, functions.codeRoot(fn), event, target.invokedArn(), requestId(p));
        } catch (LambdaException e) {
            if (!LambdaException.THROTTLED.equals(e.code())) {
                throw e;
            }
            int throttles = p.path("throttles").asInt(0) + 1;
            p.put("throttles", throttles);
            schedule(p, ThrottleRetries.nextTry(clock.instant(), throttles,
                    Instant.ofEpochMilli(enqueuedAt + config.maxAgeSeconds() * 1000L)));
            return;
        }
        InvocationRecords.Response response = new InvocationRecords.Response(200, fn.version(), result.functionError(), result.payload());
        if (result.functionError() == null) {
            if (config.onSuccess() != null) {
                deliver(fn, config.onSuccess(), records.record(clock.instant(), requestId(p), config.functionArn(), "Success",
                        attempt + 1, event, response));
            }
            return;
        }
        if (attempt < Math.min(config.retries(), RETRY_DELAYS.size())) {
            p.put("attempt", attempt + 1).put("lastFunctionError", result.functionError())
                    .put("lastPayload", Base64.getEncoder().encodeToString(result.payload())).put("lastVersion", fn.version());
            schedule(p, RETRY_DELAYS.get(attempt));
        } else {
            failed(fn, config, p, "RetriesExhausted", attempt + 1, event, response);
        }
    }

    /** An event that will not run again: a record to OnFailure, else the event to the dead-letter target, else a log line. */
    private void failed(FunctionRecord fn, EventInvokeConfig config, ObjectNode p, String condition, int invokeCount, byte[] event,
                        InvocationRecords.Response last) {
        if (config.onFailure() != null) {
            deliver(fn, config.onFailure(), records.record(clock.instant(), requestId(p), config.functionArn(), condition,
                    invokeCount, event, last));
        } else if (fn.deadLetterTargetArn() != null) {
            destinations.deadLetter(fn, event, requestId(p), last == null ? 200 : last.statusCode(),
                    last == null ? condition : records.errorMessage(last.payload()));
        } else {
            LOG.info("asynchronous invocation {} of {} dropped ({}) after {} attempt(s)", requestId(p), fn.arn(), condition, invokeCount);
        }
    }

    /**
     * Sends an invocation record: a Lambda destination gets it as a new Event invocation (its own
     * retries and destinations apply); queues, topics and event buses through {@link Destinations}.
     */
    private void deliver(FunctionRecord fn, String destination, String record) {
        if (DestinationRules.kind(destination) == DestinationRules.Kind.FUNCTION) {
            try {
                FunctionRecord target = functions.get(fn.account(), fn.region(), destination);
                String[] parts = destination.split(":", -1);
                enqueue(target, parts.length > 7 ? parts[7] : null, record.getBytes(StandardCharsets.UTF_8));
            } catch (LambdaException e) {
                LOG.warn("the destination {} of {} cannot be invoked: {}", destination, fn.arn(), e.getMessage());
            }
            return;
        }
        destinations.send(fn, destination, record);
    }

    private static InvocationRecords.Response lastResponse(JsonNode p) {
        if (!p.hasNonNull("lastPayload")) {
            return null;
        }
        return new InvocationRecords.Response(200, p.path("lastVersion").asText(FunctionRecord.LATEST),
                p.path("lastFunctionError").asText(null), Base64.getDecoder().decode(p.get("lastPayload").asText()));
    }

    private static String requestId(JsonNode p) {
        return p.path("requestId").asText("");
    }
}
