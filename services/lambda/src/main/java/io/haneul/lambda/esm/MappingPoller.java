package io.haneul.lambda.esm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.spi.QueueConsumer;
import io.haneul.core.spi.ServiceCallException;
import io.haneul.lambda.domain.EventFilter;
import io.haneul.lambda.domain.EventSourceMapping;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The pollers of one enabled SQS mapping: workers (virtual threads) that each long-poll the queue,
 * gather a batch (up to BatchSize, within MaximumBatchingWindowInSeconds), drop and delete the
 * messages no filter matches, invoke the function synchronously, and delete what succeeded.
 *
 * <p>Scaling: one worker to start; a worker that gathers a full batch (a backlog) starts another,
 * up to ScalingConfig.MaximumConcurrency or the account's concurrency limit, at most one new
 * worker per {@value #SCALE_UP_EVERY_MS} ms; a worker whose long poll comes back empty stops while
 * others remain. A refused invocation (throttled, or the function is gone) also gives up a worker,
 * and its batch is made visible again after a pause.
 *
 * <p>Failures leave messages on the queue: they come back after the queue's visibility timeout,
 * and the queue's own redrive policy moves them to its dead-letter queue after maxReceiveCount.
 */
final class MappingPoller {

    private static final Logger LOG = Logger.getLogger(MappingPoller.class.getName());
    /** The invocation payload limit of a synchronous invocation. */
    private static final int MAX_PAYLOAD = 6 * 1024 * 1024 - 64;
    private static final int LONG_POLL_SECONDS = 20;
    private static final long SCALE_UP_EVERY_MS = 200;
    private static final long BACKOFF_MS = 2_000;

    private final EventSourceMapping mapping;
    private final EventFilter filter;
    private final QueueConsumer queue;
    private final FunctionInvoker invoker;
    private final SqsEvent events;
    private final Clock clock;
    private final ThreadFactory threads;
    private final int maxWorkers;
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private long lastScaleUp;
    private boolean scaleUpPending;

    MappingPoller(EventSourceMapping mapping, EventFilter filter, QueueConsumer queue, FunctionInvoker invoker, SqsEvent events,
                  Clock clock, ThreadFactory threads, int defaultMaxWorkers) {
        this.mapping = mapping;
        this.filter = filter;
        this.queue = queue;
        this.invoker = invoker;
        this.events = events;
        this.clock = clock;
        this.threads = threads;
        this.maxWorkers = mapping.maximumConcurrency() != null ? mapping.maximumConcurrency() : Math.max(1, defaultMaxWorkers);
    }

    EventSourceMapping mapping() {
        return mapping;
    }

    int workers() {
        return workers.size();
    }

    void start() {
        addWorker();
    }

    /**
     * Stops polling: workers waiting on the queue are interrupted at once; one running an invocation
     * finishes it (and deletes what succeeded) first. Waits up to {@code waitMs} for them.
     */
    void stop(long waitMs) {
        signalStop();
        awaitStopped(System.nanoTime() + waitMs * 1_000_000);
    }

    void signalStop() {
        stopped.set(true);
        for (Worker w : workers) {
            w.interruptIfReceiving();
        }
    }

    /** Waits for the workers until {@code deadlineNanos} ({@link System#nanoTime()}). */
    void awaitStopped(long deadlineNanos) {
        for (Worker w : workers) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                w.thread.join(java.time.Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void addWorker() {
        addWorker(0);
    }

    private synchronized void addWorker(long delayMs) {
        if (stopped.get() || workers.size() >= maxWorkers) {
            return;
        }
        Worker w = new Worker(delayMs);
        w.thread = threads.newThread(w);
        workers.add(w);
        w.thread.start();
    }

    /**
     * A worker that saw a backlog asks for one more: it starts at the next scale-up slot (one per
     * {@value #SCALE_UP_EVERY_MS} ms), and only one waits for a slot at a time, so a backlog grows
     * the workers steadily even while all of them are busy in long invocations.
     */
    private synchronized void maybeScaleUp() {
        if (scaleUpPending) {
            return;
        }
        long now = clock.millis();
        long slot = Math.max(now, lastScaleUp + SCALE_UP_EVERY_MS);
        lastScaleUp = slot;
        scaleUpPending = workers.size() < maxWorkers;
        addWorker(slot - now);
    }

    private synchronized void slotReached() {
        scaleUpPending = false;
    }

    /** Gives up a worker while at least one other remains. */
    private synchronized boolean retire(Worker w) {
        if (workers.size() > 1) {
            workers.remove(w);
            return true;
        }
        return false;
    }

    private final class Worker implements Runnable {

        private final AtomicBoolean receiving = new AtomicBoolean();
        private final long startDelayMs;
        private Thread thread;

        Worker(long startDelayMs) {
            this.startDelayMs = startDelayMs;
        }

        void interruptIfReceiving() {
            if (receiving.get()) {
                thread.interrupt();
            }
        }

        @Override
        public void run() {
            try {
                if (startDelayMs > 0) {
                    sleep(startDelayMs);
                }
                slotReached();
                while (!stopped.get()) {
                    try {
                        if (!pollOnce()) {
                            return;
                        }
                    } catch (RuntimeException e) {
                        // e.g. the store busy: the worker (possibly the mapping's last) keeps polling after a pause
                        LOG.log(Level.WARNING, "event source mapping " + mapping.uuid() + ": poll failed", e);
                        pause();
                    }
                }
            } catch (InterruptedException e) {
                // stopped while waiting on the queue
            } finally {
                workers.remove(this);
            }
        }

        /** One batch gathered and delivered; false when this worker retires. */
        private boolean pollOnce() throws InterruptedException {
            List<QueueConsumer.Message> batch = gather();
            if (batch.isEmpty()) {
                return !retire(this);
            }
            if (batch.size() >= Math.min(mapping.batchSize(), 10)) {
                maybeScaleUp();
            }
            return deliver(batch) || !retire(this);
        }

        /** Up to BatchSize messages: the first long-polled, then more within the batching window. */
        private List<QueueConsumer.Message> gather() throws InterruptedException {
            List<QueueConsumer.Message> got = new ArrayList<>();
            long deadline = 0;
            while (got.size() < mapping.batchSize() && !stopped.get()) {
                int want = Math.min(10, mapping.batchSize() - got.size());
                int wait;
                if (got.isEmpty()) {
                    wait = LONG_POLL_SECONDS;
                } else {
                    long left = deadline - clock.millis();
                    if (mapping.batchingWindowSeconds() == 0 || left <= 0) {
                        break;
                    }
                    wait = (int) Math.min(LONG_POLL_SECONDS, (left + 999) / 1000);
                }
                List<QueueConsumer.Message> received = receive(want, wait);
                if (got.isEmpty() && !received.isEmpty()) {
                    deadline = clock.millis() + mapping.batchingWindowSeconds() * 1000L;
                }
                got.addAll(received);
                if (got.isEmpty()) {
                    break;
                }
            }
            return got;
        }

        private List<QueueConsumer.Message> receive(int max, int waitSeconds) throws InterruptedException {
            receiving.set(true);
            try {
                if (stopped.get()) {
                    throw new InterruptedException();
                }
                return queue.receive(mapping.eventSourceArn(), max, waitSeconds, null);
            } catch (ServiceCallException e) {
                LOG.fine(() -> "event source mapping " + mapping.uuid() + ": " + e.getMessage());
                pause();
                return List.of();
            } finally {
                receiving.set(false);
                Thread.interrupted(); // a stop that raced with the end of the receive: the loop sees `stopped`
            }
        }

        /** Waits before trying again; a stop interrupts the wait. */
        private void pause() throws InterruptedException {
            sleep(BACKOFF_MS);
        }

        private void sleep(long ms) throws InterruptedException {
            boolean was = receiving.getAndSet(true);
            try {
                if (stopped.get()) {
                    throw new InterruptedException();
                }
                Thread.sleep(ms);
            } finally {
                receiving.set(was);
            }
        }

        /**
         * Filters the batch, invokes the function with what is left (in chunks under the payload
         * limit) and deletes what succeeded; false when the invocation was refused (throttled, or the
         * function is gone), so this worker backs off.
         */
        private boolean deliver(List<QueueConsumer.Message> batch) throws InterruptedException {
            List<String> filteredOut = new ArrayList<>();
            List<ObjectNode> records = new ArrayList<>();
            List<QueueConsumer.Message> kept = new ArrayList<>();
            for (QueueConsumer.Message m : batch) {
                ObjectNode r = events.record(m, mapping.eventSourceArn(), mapping.region());
                if (filter.matches(events.filterView(r))) {
                    records.add(r);
                    kept.add(m);
                } else {
                    filteredOut.add(m.receiptHandle());
                }
            }
            if (!filteredOut.isEmpty()) {
                queue.delete(mapping.eventSourceArn(), filteredOut);
            }
            int from = 0;
            while (from < records.size()) {
                int size = 16;
                int to = from;
                while (to < records.size() && (to == from || size + events.size(records.get(to)) <= MAX_PAYLOAD)) {
                    size += events.size(records.get(to));
                    to++;
                }
                if (!invoke(records.subList(from, to), kept.subList(from, to))) {
                    return false;
                }
                from = to;
            }
            return true;
        }

        private boolean invoke(List<ObjectNode> records, List<QueueConsumer.Message> messages) throws InterruptedException {
            FunctionInvoker.Result result;
            try {
                result = invoker.invoke(new FunctionInvoker.Invocation(mapping.account(), mapping.region(), mapping.functionArn(), null,
                        FunctionInvoker.InvocationType.REQUEST_RESPONSE, events.event(records), null, null, mapping.eventSourceArn()));
            } catch (ServiceCallException e) {
                // throttled, or the function is gone: the batch was not run, so it is handed back to the
                // queue after a pause rather than held for the whole visibility timeout
                LOG.fine(() -> "event source mapping " + mapping.uuid() + ": " + e.code() + " " + e.getMessage());
                try {
                    pause();
                } finally {
                    messages.forEach(m -> queue.changeVisibility(mapping.eventSourceArn(), m.receiptHandle(), 0));
                }
                return false;
            }
            if (result.functionError() != null) {
                return true; // the whole batch failed: it comes back after the visibility timeout
            }
            List<String> done = new ArrayList<>();
            if (mapping.reportsItemFailures()) {
                Set<String> ids = new HashSet<>();
                messages.forEach(m -> ids.add(m.messageId()));
                Set<String> failed = events.reportedFailures(result.payload(), ids);
                if (failed == null) {
                    return true;
                }
                messages.stream().filter(m -> !failed.contains(m.messageId())).forEach(m -> done.add(m.receiptHandle()));
            } else {
                messages.forEach(m -> done.add(m.receiptHandle()));
            }
            if (!done.isEmpty()) {
                queue.delete(mapping.eventSourceArn(), done);
            }
            return true;
        }
    }
}
