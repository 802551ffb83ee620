package io.haneul.lambda.esm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.spi.QueueConsumer;
import io.haneul.lambda.domain.EventFilter;
import io.haneul.lambda.domain.EventSourceMapping;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * The running pollers of the enabled SQS mappings, one {@link MappingPoller} per mapping, kept in
 * step with the stored mappings by {@link #apply}: an Enabled mapping polls (restarted when its
 * settings changed), any other state does not. Closed with the server.
 */
public final class SqsPollers implements AutoCloseable {

    private static final long STOP_WAIT_MS = 5_000;

    private final Supplier<Optional<QueueConsumer>> queues;
    private final Supplier<FunctionInvoker> invoker;
    private final ObjectMapper json;
    private final SqsEvent events;
    private final Clock clock;
    private final int defaultMaxWorkers;
    private final ThreadFactory threads = Thread.ofVirtual().name("lambda-sqs-poller-", 0).factory();
    private final Map<String, MappingPoller> running = new HashMap<>();
    private boolean closed;

    /**
     * @param queues            SQS's consumer interface, looked up when a poller starts (SQS may start after Lambda)
     * @param defaultMaxWorkers concurrent invocations of a mapping without ScalingConfig (the account's limit)
     */
    public SqsPollers(Supplier<Optional<QueueConsumer>> queues, Supplier<FunctionInvoker> invoker, ObjectMapper json, Clock clock,
                      int defaultMaxWorkers) {
        this.queues = queues;
        this.invoker = invoker;
        this.json = json;
        this.events = new SqsEvent(json);
        this.clock = clock;
        this.defaultMaxWorkers = defaultMaxWorkers;
    }

    /** Starts, restarts or stops the poller of a mapping as its stored state says. */
    public void apply(EventSourceMapping m) {
        MappingPoller stale;
        synchronized (this) {
            MappingPoller current = running.get(m.uuid());
            boolean wanted = !closed && EventSourceMapping.ENABLED.equals(m.state());
            if (current != null && wanted && sameSettings(current.mapping(), m)) {
                return;
            }
            stale = running.remove(m.uuid());
        }
        if (stale != null) {
            stale.stop(STOP_WAIT_MS);
        }
        if (closed || !EventSourceMapping.ENABLED.equals(m.state())) {
            return;
        }
        Optional<QueueConsumer> consumer = queues.get();
        if (consumer.isEmpty()) {
            return; // SQS is not served: nothing to poll
        }
        MappingPoller poller = new MappingPoller(m, EventFilter.parse(m.filterPatterns(), json), consumer.get(), invoker.get(), events,
                clock, threads, defaultMaxWorkers);
        synchronized (this) {
            if (closed || running.containsKey(m.uuid())) {
                return;
            }
            running.put(m.uuid(), poller);
        }
        poller.start();
    }

    /** Stops the poller of a mapping being deleted. */
    public void stop(String uuid) {
        MappingPoller p;
        synchronized (this) {
            p = running.remove(uuid);
        }
        if (p != null) {
            p.stop(STOP_WAIT_MS);
        }
    }

    /** How many workers a mapping's poller runs now (0 when it does not poll). */
    public synchronized int workers(String uuid) {
        MappingPoller p = running.get(uuid);
        return p == null ? 0 : p.workers();
    }

    @Override
    public void close() {
        java.util.List<MappingPoller> all;
        synchronized (this) {
            closed = true;
            all = java.util.List.copyOf(running.values());
            running.clear();
        }
        all.forEach(MappingPoller::signalStop);
        long deadline = System.nanoTime() + STOP_WAIT_MS * 1_000_000;
        all.forEach(p -> p.awaitStopped(deadline));
    }

    private static boolean sameSettings(EventSourceMapping a, EventSourceMapping b) {
        return a.functionArn().equals(b.functionArn()) && a.batchSize() == b.batchSize()
                && a.batchingWindowSeconds() == b.batchingWindowSeconds() && a.functionResponseTypes().equals(b.functionResponseTypes())
                && java.util.Objects.equals(a.maximumConcurrency(), b.maximumConcurrency())
                && a.filterPatterns().equals(b.filterPatterns());
    }
}
