package io.haneul.it.sqs.durability;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Producer threads sending standard-queue messages with unique bodies (SendMessage and
 * SendMessageBatch of 10, alternately by thread) and recording every body the server
 * acknowledged, with the message id it answered. Sends are never retried, so each body was sent
 * exactly once. Errors count as "expected" once {@link #expectErrors()} was called (the node is
 * being killed), else as genuine failures.
 */
final class Producers {

    /** Where one producer sends: a node's client and the queue URL as that node names it. */
    record Target(String node, SqsClient client, String queueUrl) {
    }

    final Map<String, String> acked = new ConcurrentHashMap<>();
    final Set<String> attempted = ConcurrentHashMap.newKeySet();
    final AtomicInteger unexpectedErrors = new AtomicInteger();
    final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicBoolean errorsExpected = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    /** Starts {@code threadsPerTarget} threads per target, each sending up to {@code sendsPerThread} requests. */
    Producers start(List<Target> targets, int threadsPerTarget, int sendsPerThread, String prefix) {
        int n = 0;
        for (Target t : targets) {
            for (int i = 0; i < threadsPerTarget; i++, n++) {
                String tag = prefix + "-" + t.node() + "-" + i;
                boolean batch = n % 2 == 1;
                threads.add(Thread.ofPlatform().name("producer-" + tag).start(() -> produce(t, tag, batch, sendsPerThread)));
            }
        }
        return this;
    }

    private void produce(Target t, String tag, boolean batch, int sends) {
        for (int seq = 0; seq < sends && !stop.get(); seq++) {
            try {
                if (batch) {
                    List<SendMessageBatchRequestEntry> entries = new ArrayList<>(10);
                    Map<String, String> bodies = new java.util.HashMap<>();
                    for (int k = 0; k < 10; k++) {
                        String body = tag + "-" + seq + "-" + k;
                        attempted.add(body);
                        bodies.put("e" + k, body);
                        entries.add(SendMessageBatchRequestEntry.builder().id("e" + k).messageBody(body).build());
                    }
                    SendMessageBatchResponse r = t.client().sendMessageBatch(b -> b.queueUrl(t.queueUrl()).entries(entries));
                    r.successful().forEach(e -> acked.put(bodies.get(e.id()), e.messageId()));
                    if (!r.failed().isEmpty()) {
                        error("batch entries failed: " + r.failed());
                    }
                } else {
                    String body = tag + "-" + seq;
                    attempted.add(body);
                    SendMessageResponse r = t.client().sendMessage(b -> b.queueUrl(t.queueUrl()).messageBody(body));
                    acked.put(body, r.messageId());
                }
            } catch (RuntimeException e) {
                error(e.toString());
            }
        }
    }

    private void error(String what) {
        if (!errorsExpected.get()) {
            unexpectedErrors.incrementAndGet();
            if (errorSamples.size() < 5) {
                errorSamples.add(what);
            }
        }
    }

    /** From now on, failures are the test's doing (the node is being killed). */
    void expectErrors() {
        errorsExpected.set(true);
    }

    /** Asks the threads to stop after their current request. */
    void stop() {
        stop.set(true);
    }

    /** Waits for every thread to end; false if one is still running after the bound. */
    boolean join(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !t.join(java.time.Duration.ofNanos(left))) {
                return false;
            }
        }
        return true;
    }

    boolean running() {
        return threads.stream().anyMatch(Thread::isAlive);
    }
}
