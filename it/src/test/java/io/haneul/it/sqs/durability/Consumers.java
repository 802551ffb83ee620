package io.haneul.it.sqs.durability;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Consumer threads that receive (and optionally delete) until the queue stays empty, recording
 * every delivery with the client-side time its request started and its answer came back. From
 * those, {@link #visibilityViolations} finds messages handed out a second time while a previous
 * delivery's visibility timeout must still have been running: the server hid the message at some
 * instant after the first request started, so a second answer that arrived less than the timeout
 * after that start is a double delivery, whatever the clocks and scheduling did.
 */
final class Consumers {

    /** One delivery of one message. */
    record Receipt(String node, String messageId, String body, String handle, long requestNanos, long answerNanos) {
    }

    private final Map<String, List<Receipt>> byMessageId = new ConcurrentHashMap<>();
    final AtomicInteger errors = new AtomicInteger();
    final AtomicInteger failedDeletes = new AtomicInteger();
    final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
    final Map<String, AtomicInteger> deliveriesByNode = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * Starts {@code threadsPerTarget} consumers per target. Each receives up to 10 messages at a
     * time with the given visibility timeout and wait, deletes them if asked, and stops after
     * three empty receives in a row once {@code done} is true, or after {@code maxReceives}.
     */
    Consumers start(List<Producers.Target> targets, int threadsPerTarget, int visibilitySeconds, int waitSeconds,
                    boolean delete, BooleanSupplier done, int maxReceives) {
        for (Producers.Target t : targets) {
            for (int i = 0; i < threadsPerTarget; i++) {
                threads.add(Thread.ofPlatform().name("consumer-" + t.node() + "-" + i)
                        .start(() -> consume(t, visibilitySeconds, waitSeconds, delete, done, maxReceives)));
            }
        }
        return this;
    }

    private void consume(Producers.Target t, int visibility, int wait, boolean delete, BooleanSupplier done, int maxReceives) {
        int empties = 0;
        for (int i = 0; i < maxReceives; i++) {
            try {
                long start = System.nanoTime();
                List<Message> got = t.client().receiveMessage(b -> b.queueUrl(t.queueUrl()).maxNumberOfMessages(10)
                        .visibilityTimeout(visibility).waitTimeSeconds(wait)).messages();
                long end = System.nanoTime();
                if (got.isEmpty()) {
                    if (done.getAsBoolean() && ++empties >= 3) {
                        return;
                    }
                    continue;
                }
                empties = 0;
                deliveriesByNode.computeIfAbsent(t.node(), k -> new AtomicInteger()).addAndGet(got.size());
                for (Message m : got) {
                    byMessageId.computeIfAbsent(m.messageId(), k -> Collections.synchronizedList(new ArrayList<>()))
                            .add(new Receipt(t.node(), m.messageId(), m.body(), m.receiptHandle(), start, end));
                }
                if (delete) {
                    List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
                    for (int k = 0; k < got.size(); k++) {
                        entries.add(DeleteMessageBatchRequestEntry.builder().id("d" + k).receiptHandle(got.get(k).receiptHandle()).build());
                    }
                    DeleteMessageBatchResponse r = t.client().deleteMessageBatch(b -> b.queueUrl(t.queueUrl()).entries(entries));
                    if (!r.failed().isEmpty()) {
                        failedDeletes.addAndGet(r.failed().size());
                        sample("delete failed: " + r.failed());
                    }
                }
            } catch (RuntimeException e) {
                errors.incrementAndGet();
                sample(e.toString());
            }
        }
    }

    private void sample(String what) {
        if (errorSamples.size() < 5) {
            errorSamples.add(what);
        }
    }

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

    Map<String, List<Receipt>> receiptsByMessageId() {
        return byMessageId;
    }

    /** Message ids under which each body was delivered (more than one means the body was stored twice). */
    Map<String, Set<String>> messageIdsByBody() {
        Map<String, Set<String>> out = new TreeMap<>();
        byMessageId.forEach((id, receipts) -> {
            synchronized (receipts) {
                for (Receipt r : receipts) {
                    out.computeIfAbsent(r.body(), k -> new java.util.TreeSet<>()).add(id);
                }
            }
        });
        return out;
    }

    /** Deliveries that came while an earlier delivery of the same message was necessarily still invisible. */
    List<String> visibilityViolations(int visibilitySeconds) {
        long window = TimeUnit.SECONDS.toNanos(visibilitySeconds);
        List<String> out = new ArrayList<>();
        byMessageId.forEach((id, receipts) -> {
            List<Receipt> sorted;
            synchronized (receipts) {
                sorted = new ArrayList<>(receipts);
            }
            sorted.sort(java.util.Comparator.comparingLong(Receipt::answerNanos));
            for (int i = 1; i < sorted.size(); i++) {
                Receipt first = sorted.get(i - 1);
                Receipt again = sorted.get(i);
                if (again.answerNanos() - first.requestNanos() < window) {
                    out.add(id + " delivered on " + first.node() + " and again on " + again.node() + " "
                            + TimeUnit.NANOSECONDS.toMillis(again.answerNanos() - first.requestNanos()) + " ms later");
                }
            }
        });
        return out;
    }

    /** The newest receipt handle of every message delivered. */
    List<Receipt> latestReceipts() {
        List<Receipt> out = new ArrayList<>();
        byMessageId.values().forEach(receipts -> {
            synchronized (receipts) {
                out.add(receipts.stream().max(java.util.Comparator.comparingLong(Receipt::answerNanos)).orElseThrow());
            }
        });
        return out;
    }
}
