package io.haneul.lambda.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.spi.QueueConsumer;
import io.haneul.lambda.domain.EventFilter;
import io.haneul.lambda.domain.EventSourceMapping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One mapping's poller against an in-memory queue and function: deletion rules, filters, batching, scaling, stopping. */
class MappingPollerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUE = "arn:aws:sqs:us-east-1:123456789012:q";

    private final MemoryQueue queue = new MemoryQueue();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private MappingPoller poller;

    @AfterEach
    void stop() {
        if (poller != null) {
            poller.stop(5_000);
        }
    }

    private static EventSourceMapping mapping(int batchSize, int window, Integer concurrency, List<String> types, List<String> filters) {
        return new EventSourceMapping("u-1", "123456789012", "us-east-1", "arn:aws:lambda:us-east-1:123456789012:function:f", "f",
                QUEUE, batchSize, window, types, concurrency, filters, true, EventSourceMapping.ENABLED,
                EventSourceMapping.USER_INITIATED, 0);
    }

    private void start(EventSourceMapping m, Function<JsonNode, FunctionInvoker.Result> function) {
        FunctionInvoker invoker = invocation -> {
            try {
                JsonNode event = JSON.readTree(invocation.payload());
                events.add(event);
                return function.apply(event);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        };
        poller = new MappingPoller(m, EventFilter.parse(m.filterPatterns(), JSON), queue, invoker, new SqsEvent(JSON), Clock.systemUTC(),
                Thread.ofVirtual().factory(), 10);
        poller.start();
    }

    private static FunctionInvoker.Result ok(String body) {
        return new FunctionInvoker.Result(200, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), null, "$LATEST");
    }

    @Test
    void aSuccessfulBatchIsDeleted() {
        queue.send("a", "b", "c");
        start(mapping(10, 0, null, List.of(), List.of()), e -> ok("null"));
        eventually(() -> queue.deleted.size() == 3);
        assertEquals("aws:sqs", events.getFirst().get("Records").get(0).get("eventSource").asText());
        assertEquals(QUEUE, events.getFirst().get("Records").get(0).get("eventSourceARN").asText());
    }

    @Test
    void aFunctionErrorDeletesNothing() {
        queue.send("a", "b");
        start(mapping(10, 0, null, List.of(), List.of()), e -> new FunctionInvoker.Result(200, "{}".getBytes(), "Unhandled", "$LATEST"));
        eventually(() -> !events.isEmpty());
        poller.stop(5_000);
        assertTrue(queue.deleted.isEmpty());
        assertEquals(2, queue.inFlight.size());
    }

    @Test
    void reportedItemFailuresStayAndAnUnknownIdentifierFailsTheWholeBatch() {
        queue.send("good", "bad", "good2");
        String badId = queue.idOf("bad");
        start(mapping(10, 0, null, List.of("ReportBatchItemFailures"), List.of()),
                e -> ok("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + badId + "\"}]}"));
        eventually(() -> queue.deleted.size() == 2);
        assertTrue(queue.inFlight.containsKey(badId));
        poller.stop(5_000);

        MemoryQueue other = new MemoryQueue();
        other.send("x", "y");
        events.clear();
        poller = new MappingPoller(mapping(10, 0, null, List.of("ReportBatchItemFailures"), List.of()), EventFilter.parse(List.of(), JSON),
                other, inv -> {
                    events.add(JSON.createObjectNode());
                    return ok("{\"batchItemFailures\":[{\"itemIdentifier\":\"not-in-batch\"}]}");
                }, new SqsEvent(JSON), Clock.systemUTC(), Thread.ofVirtual().factory(), 10);
        poller.start();
        eventually(() -> !events.isEmpty());
        poller.stop(5_000);
        assertTrue(other.deleted.isEmpty());
    }

    @Test
    void messagesNoFilterMatchesAreDeletedWithoutAnInvocation() {
        queue.send("{\"k\":\"keep\"}", "{\"k\":\"drop\"}", "plain");
        start(mapping(10, 0, null, List.of(), List.of("{\"body\":{\"k\":[\"keep\"]}}")), e -> ok(null));
        eventually(() -> queue.deleted.size() == 3);
        assertEquals(1, events.size());
        assertEquals(1, events.getFirst().get("Records").size());
        assertEquals("{\"k\":\"keep\"}", events.getFirst().get("Records").get(0).get("body").asText());
    }

    @Test
    void aBatchingWindowGathersSeveralReceivesIntoOneBatch() {
        String[] bodies = new String[25];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = "m" + i;
        }
        queue.send(bodies);
        start(mapping(25, 1, null, List.of(), List.of()), e -> ok(null));
        eventually(() -> queue.deleted.size() == 25);
        assertEquals(1, events.size());
        assertEquals(25, events.getFirst().get("Records").size());
    }

    @Test
    void aBacklogScalesUpToMaximumConcurrencyAndStoppingEndsEveryWorker() throws Exception {
        String[] bodies = new String[200];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = "m" + i;
        }
        queue.send(bodies);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        start(mapping(10, 0, 3, List.of(), List.of()), e -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return ok(null);
        });
        eventually(() -> running.get() == 3);
        assertEquals(3, poller.workers());
        release.countDown();
        eventually(() -> queue.deleted.size() == 200);
        assertEquals(3, most.get());
        poller.stop(5_000);
        assertEquals(0, poller.workers());
    }

    @Test
    void aRefusedInvocationHandsTheBatchBack() {
        queue.send("a");
        start(mapping(10, 0, null, List.of(), List.of()), e -> {
            throw new FunctionInvoker.FunctionInvocationException("TooManyRequestsException", "Rate Exceeded.");
        });
        eventually(() -> queue.visibleAgain.get() >= 1);
        assertTrue(queue.deleted.isEmpty());
    }

    private static void eventually(BooleanSupplier condition) {
        long until = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("never happened");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** A queue in memory with SQS's receive/delete/visibility contract (no visibility timeout expiry). */
    private static final class MemoryQueue implements QueueConsumer {

        final Map<String, String> visible = new LinkedHashMap<>();
        final Map<String, String> inFlight = new java.util.concurrent.ConcurrentHashMap<>();
        final List<String> deleted = new CopyOnWriteArrayList<>();
        final AtomicInteger visibleAgain = new AtomicInteger();
        private final Map<String, String> ids = new java.util.concurrent.ConcurrentHashMap<>();
        private int next;

        synchronized void send(String... bodies) {
            for (String b : bodies) {
                String id = "id-" + next++;
                visible.put(id, b);
                ids.put(b, id);
            }
            notifyAll();
        }

        String idOf(String body) {
            return ids.get(body);
        }

        @Override
        public Optional<QueueInfo> describe(String queueArn) {
            return Optional.of(new QueueInfo(QUEUE, "123456789012", false, 30));
        }

        @Override
        public synchronized List<Message> receive(String queueArn, int maxMessages, int waitSeconds, Integer visibilitySeconds)
                throws InterruptedException {
            long until = System.currentTimeMillis() + waitSeconds * 1000L;
            while (visible.isEmpty() && System.currentTimeMillis() < until) {
                wait(Math.max(1, until - System.currentTimeMillis()));
            }
            List<Message> out = new ArrayList<>();
            var it = visible.entrySet().iterator();
            while (it.hasNext() && out.size() < maxMessages) {
                var e = it.next();
                it.remove();
                inFlight.put(e.getKey(), e.getValue());
                out.add(new Message(e.getKey(), "rh-" + e.getKey(), e.getValue(), "md5", null,
                        Map.of("ApproximateReceiveCount", "1"), Map.of()));
            }
            return out;
        }

        @Override
        public synchronized void delete(String queueArn, List<String> receiptHandles) {
            for (String h : receiptHandles) {
                String id = h.substring(3);
                if (inFlight.remove(id) != null) {
                    deleted.add(id);
                }
            }
        }

        @Override
        public synchronized void changeVisibility(String queueArn, String receiptHandle, int seconds) {
            String id = receiptHandle.substring(3);
            String body = inFlight.remove(id);
            if (body != null && seconds == 0) {
                visibleAgain.incrementAndGet();
                visible.put(id, body);
                notifyAll();
            }
        }
    }
}
