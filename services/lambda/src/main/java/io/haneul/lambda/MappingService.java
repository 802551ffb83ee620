package io.haneul.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.spi.QueueConsumer;
import io.haneul.lambda.domain.EventFilter;
import io.haneul.lambda.domain.EventSourceMapping;
import io.haneul.lambda.domain.FunctionArns;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.lambda.domain.LambdaException;
import io.haneul.lambda.domain.MappingRules;
import io.haneul.lambda.esm.SqsPollers;
import io.haneul.lambda.store.SqlMappingStore;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Event source mappings from SQS: create, read, change and delete them, and move them through
 * AWS's states. A change answers at once in its transitional state ({@code Creating},
 * {@code Enabling}, {@code Updating}, {@code Disabling}, {@code Deleting}); the background then
 * starts or stops the mapping's poller and stores the final state, so a stopped server's leftovers
 * are completed by {@link #resume} at the next start.
 */
final class MappingService {

    private static final String NOT_FOUND = "The resource you requested does not exist.";

    private final SqlMappingStore store;
    private final FunctionService functions;
    private final Supplier<Optional<QueueConsumer>> queues;
    private final SqsPollers pollers;
    private final Executor background;
    private final Clock clock;
    private final ObjectMapper json;

    MappingService(SqlMappingStore store, FunctionService functions, Supplier<Optional<QueueConsumer>> queues, SqsPollers pollers,
                   Executor background, Clock clock, ObjectMapper json) {
        this.store = store;
        this.functions = functions;
        this.queues = queues;
        this.pollers = pollers;
        this.background = background;
        this.clock = clock;
        this.json = json;
    }

    /**
     * What a create or update asks for; null fields are not given (an update keeps the mapping's).
     *
     * @param filterPatterns FilterCriteria's patterns; an empty list clears the filters on update
     */
    record Settings(String functionName, String eventSourceArn, Boolean enabled, Integer batchSize, Integer batchingWindowSeconds,
                    List<String> functionResponseTypes, Integer maximumConcurrency, List<String> filterPatterns) {
    }

    EventSourceMapping create(String account, String region, Settings s) {
        if (s.eventSourceArn() == null || s.eventSourceArn().isEmpty()) {
            throw LambdaException.invalidParameter("Unrecognized event source, must be kinesis, dynamodb stream, sqs, kafka or mq.");
        }
        if (!s.eventSourceArn().startsWith("arn:aws:sqs:")) {
            throw LambdaException.invalidParameter("Unsupported event source type: only Amazon SQS queues are supported by this server yet.");
        }
        FunctionRecord fn = function(account, region, s.functionName());
        QueueConsumer.QueueInfo queue = queue(account, s.eventSourceArn());
        int batchSize = Objects.requireNonNullElse(s.batchSize(), MappingRules.DEFAULT_BATCH_SIZE);
        int window = Objects.requireNonNullElse(s.batchingWindowSeconds(), 0);
        List<String> types = Objects.requireNonNullElse(s.functionResponseTypes(), List.of());
        List<String> filters = Objects.requireNonNullElse(s.filterPatterns(), List.of());
        MappingRules.check(batchSize, window, s.maximumConcurrency(), types, queue.fifo());
        MappingRules.checkVisibility(queue.visibilityTimeoutSeconds(), fn.timeout());
        EventFilter.parse(filters, json);
        boolean enabled = !Boolean.FALSE.equals(s.enabled());
        EventSourceMapping m = new EventSourceMapping(UUID.randomUUID().toString(), account, region, functionArn(fn, s.functionName()),
                fn.name(), queue.arn(), batchSize, window, types, s.maximumConcurrency(), filters, enabled,
                EventSourceMapping.CREATING, EventSourceMapping.USER_INITIATED, clock.millis());
        store.createUnlessDuplicate(m).ifPresent(existing -> {
            throw duplicate(existing);
        });
        settleLater(m);
        return m;
    }

    EventSourceMapping get(String account, String region, String uuid) {
        return store.get(account, region, Objects.requireNonNullElse(uuid, ""))
                .orElseThrow(() -> new LambdaException("ResourceNotFoundException", 404, NOT_FOUND));
    }

    EventSourceMapping update(String account, String region, String uuid, Settings s) {
        EventSourceMapping old = get(account, region, uuid);
        requireSettled(old);
        String functionArn = old.functionArn();
        String functionName = old.functionName();
        QueueConsumer.QueueInfo queue = queue(account, old.eventSourceArn());
        FunctionRecord fn = s.functionName() != null ? function(account, region, s.functionName()) : currentFunction(old);
        if (s.functionName() != null) {
            functionArn = functionArn(fn, s.functionName());
            functionName = fn.name();
            store.list(account, region, old.eventSourceArn(), functionName, null, 2).stream()
                    .filter(other -> !other.uuid().equals(old.uuid())).findFirst()
                    .ifPresent(other -> {
                        throw duplicate(other);
                    });
        }
        int batchSize = Objects.requireNonNullElse(s.batchSize(), old.batchSize());
        int window = Objects.requireNonNullElse(s.batchingWindowSeconds(), old.batchingWindowSeconds());
        List<String> types = Objects.requireNonNullElse(s.functionResponseTypes(), old.functionResponseTypes());
        Integer concurrency = s.maximumConcurrency() != null ? s.maximumConcurrency() : old.maximumConcurrency();
        List<String> filters = Objects.requireNonNullElse(s.filterPatterns(), old.filterPatterns());
        MappingRules.check(batchSize, window, concurrency, types, queue.fifo());
        if (fn != null) {
            MappingRules.checkVisibility(queue.visibilityTimeoutSeconds(), fn.timeout());
        }
        EventFilter.parse(filters, json);
        boolean enabled = s.enabled() != null ? s.enabled() : old.enabled();
        String state = enabled == old.enabled() ? EventSourceMapping.UPDATING
                : enabled ? EventSourceMapping.ENABLING : EventSourceMapping.DISABLING;
        EventSourceMapping updated = new EventSourceMapping(old.uuid(), account, region, functionArn, functionName,
                old.eventSourceArn(), batchSize, window, types, concurrency, filters, enabled, state,
                EventSourceMapping.USER_INITIATED, clock.millis());
        if (!store.replace(updated, old.state())) {
            throw inUse(old);
        }
        settleLater(updated);
        return updated;
    }

    /** Marks the mapping {@code Deleting} and answers it; the poller stops and the mapping goes in the background. */
    EventSourceMapping delete(String account, String region, String uuid) {
        EventSourceMapping old = get(account, region, uuid);
        if (EventSourceMapping.DELETING.equals(old.state())) {
            throw inUse(old);
        }
        EventSourceMapping deleting = old.inState(EventSourceMapping.DELETING, clock.millis());
        if (!store.replace(deleting, old.state())) {
            throw inUse(old);
        }
        settleLater(deleting);
        return deleting;
    }

    /** Up to {@code limit} mappings after {@code afterUuid}, optionally of one queue and/or one function. */
    List<EventSourceMapping> list(String account, String region, String eventSourceArn, String functionName, String afterUuid, int limit) {
        String name = functionName == null ? null : FunctionArns.parse(functionName, region, account).name();
        return store.list(account, region, eventSourceArn, name, afterUuid, limit);
    }

    /** At server start: completes transitions a stopped server left, and starts the pollers of enabled mappings. */
    void resume() {
        for (EventSourceMapping m : store.all()) {
            if (m.transitioning()) {
                settle(m);
            } else {
                pollers.apply(m);
            }
        }
    }

    private void settleLater(EventSourceMapping m) {
        background.execute(() -> settle(m));
    }

    private void settle(EventSourceMapping m) {
        if (EventSourceMapping.DELETING.equals(m.state())) {
            pollers.stop(m.uuid());
            store.delete(m.uuid());
            return;
        }
        EventSourceMapping settled = m.settled(clock.millis());
        if (store.replace(settled, m.state())) {
            pollers.apply(settled);
        }
    }

    private FunctionRecord function(String account, String region, String functionName) {
        if (functionName == null || functionName.isEmpty()) {
            throw LambdaException.invalidParameter("FunctionName is required");
        }
        return functions.get(account, region, functionName);
    }

    /** The mapping's function, or null when it was deleted (the mapping can still be changed, e.g. disabled). */
    private FunctionRecord currentFunction(EventSourceMapping m) {
        try {
            return functions.get(m.account(), m.region(), m.functionArn());
        } catch (LambdaException e) {
            return null;
        }
    }

    /** The ARN the mapping names: the function's, with the qualifier the caller gave, if any. */
    private static String functionArn(FunctionRecord fn, String given) {
        String qualifier = FunctionArns.parse(given, fn.region(), fn.account()).qualifier();
        return qualifier == null ? fn.arn() : fn.arn() + ":" + qualifier;
    }

    private QueueConsumer.QueueInfo queue(String account, String queueArn) {
        return queues.get().flatMap(q -> q.describe(queueArn)).filter(q -> q.account().equals(account))
                .orElseThrow(() -> LambdaException.invalidParameter("Error occurred while ReceiveMessage. SQS Error Code: "
                        + "AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist or "
                        + "you do not have access to it."));
    }

    private static LambdaException duplicate(EventSourceMapping existing) {
        return LambdaException.conflict("An event source mapping with SQS arn (\" " + existing.eventSourceArn()
                + " \") and function (\" " + existing.functionName() + " \") already exists. Please update or delete the "
                + "existing mapping with UUID " + existing.uuid());
    }

    private static void requireSettled(EventSourceMapping m) {
        if (m.transitioning()) {
            throw inUse(m);
        }
    }

    private static LambdaException inUse(EventSourceMapping m) {
        return new LambdaException("ResourceInUseException", 400, "Cannot update the event source mapping because it is in use. "
                + "The event source mapping is currently in the " + m.state() + " state.");
    }
}
