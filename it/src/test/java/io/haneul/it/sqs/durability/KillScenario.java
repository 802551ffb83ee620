package io.haneul.it.sqs.durability;

import io.haneul.it.support.ChildServer;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The kill -9 scenario, on whichever store the options name: a child node takes load from
 * producers on a standard and a FIFO queue, is killed with SIGKILL after a few thousand
 * acknowledgements, and a new child on the same store must hold every acknowledged message, once.
 * After everything is deleted, a second kill and restart must not bring deleted messages back.
 */
final class KillScenario {

    static final int VISIBILITY_S = 60;
    static final int ACKS_BEFORE_KILL = 3_000;
    private static final int FIFO_GROUPS = 2;

    private final Path dataDir;
    private final String[] options;

    KillScenario(Path base, String... options) throws java.io.IOException {
        this.dataDir = Files.createDirectories(base.resolve("node"));
        this.options = options;
    }

    /** Sequential FIFO senders, one per group; body = group + zero-padded sequence, dedup id = body. */
    private static final class FifoProducers {
        final Map<String, Set<Integer>> acked = new ConcurrentHashMap<>();
        final Set<String> attempted = ConcurrentHashMap.newKeySet();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicBoolean errorsExpected = new AtomicBoolean();
        final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<Thread> threads = new ArrayList<>();

        void start(SqsClient client, String url) {
            for (int g = 0; g < FIFO_GROUPS; g++) {
                String group = "g" + g;
                acked.put(group, ConcurrentHashMap.newKeySet());
                threads.add(Thread.ofPlatform().name("fifo-producer-" + group).start(() -> {
                    for (int seq = 0; seq < 1_000_000 && !stop.get(); seq++) {
                        String body = group + "-" + String.format("%07d", seq);
                        attempted.add(body);
                        try {
                            client.sendMessage(b -> b.queueUrl(url).messageBody(body).messageGroupId(group).messageDeduplicationId(body));
                            acked.get(group).add(Integer.parseInt(body.substring(body.indexOf('-') + 1)));
                        } catch (RuntimeException e) {
                            if (!errorsExpected.get() && unexpected.size() < 5) {
                                unexpected.add(e.toString());
                            }
                        }
                    }
                }));
            }
        }

        int ackCount() {
            return acked.values().stream().mapToInt(Set::size).sum();
        }

        void join() throws InterruptedException {
            for (Thread t : threads) {
                assertTrue(t.join(java.time.Duration.ofSeconds(90)), "FIFO producer did not stop");
            }
        }
    }

    void run() throws Exception {
        String runId = Long.toString(System.nanoTime(), 36);
        Producers producers = new Producers();
        FifoProducers fifo = new FifoProducers();
        ChildServer first = ChildServer.start(dataDir, options);
        try (SqsClient client = SqsClients.create(first.endpoint())) {
            String std = client.createQueue(b -> b.queueName("durable-std")).queueUrl();
            String fifoUrl = client.createQueue(b -> b.queueName("durable-fifo.fifo")
                    .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
            producers.start(List.of(new Producers.Target("first", client, std)), 8, 1_000_000, runId);
            fifo.start(client, fifoUrl);
            // bounded wait for load to build up; the kill lands while every producer is still sending
            for (int i = 0; i < 30_000 && (producers.acked.size() < ACKS_BEFORE_KILL || fifo.ackCount() < 50); i++) {
                if (producers.unexpectedErrors.get() > 0 || !fifo.unexpected.isEmpty() || !producers.running()) {
                    break;
                }
                Thread.sleep(10);
            }
            assertEquals(0, producers.unexpectedErrors.get(), "sends failed before the kill: " + producers.errorSamples);
            assertTrue(fifo.unexpected.isEmpty(), "FIFO sends failed before the kill: " + fifo.unexpected);
            assertTrue(producers.acked.size() >= ACKS_BEFORE_KILL && fifo.ackCount() >= 50,
                    "load never built up: " + producers.acked.size() + " standard and " + fifo.ackCount() + " FIFO acks");
            producers.expectErrors();
            fifo.errorsExpected.set(true);
            first.kill();
            producers.stop();
            fifo.stop.set(true);
            assertTrue(producers.join(90), "producers did not stop after the kill");
            fifo.join();
        } finally {
            first.close();
        }
        System.out.printf("[kill -9 %s] acknowledged before/at the kill: %d standard (of %d attempted), %d FIFO (of %d attempted)%n",
                String.join(" ", options), producers.acked.size(), producers.attempted.size(), fifo.ackCount(), fifo.attempted.size());

        try (ChildServer second = ChildServer.start(dataDir, options); SqsClient client = SqsClients.create(second.endpoint())) {
            String std = client.getQueueUrl(b -> b.queueName("durable-std")).queueUrl();
            String fifoUrl = client.getQueueUrl(b -> b.queueName("durable-fifo.fifo")).queueUrl();

            Consumers consumers = new Consumers().start(List.of(new Producers.Target("second", client, std)), 6,
                    VISIBILITY_S, 0, false, () -> true, 5_000);
            assertTrue(consumers.join(300), "consumers did not finish");
            assertEquals(0, consumers.errors.get(), "receives failed: " + consumers.errorSamples);
            Checks.nothingLostNothingDoubled(producers, consumers, VISIBILITY_S);
            List<Consumers.Receipt> latest = consumers.latestReceipts();
            System.out.printf("[kill -9 %s] after restart: %d standard messages delivered (%d acknowledged, %d extra unacknowledged)%n",
                    String.join(" ", options), latest.size(), producers.acked.size(), latest.size() - producers.acked.size());
            Checks.deleteAll(client, std, latest);
            assertEquals(0, Checks.messagesIn(client, std), "standard queue not empty after deleting everything");

            drainFifoInOrder(client, fifoUrl, fifo);
            assertEquals(0, Checks.messagesIn(client, fifoUrl), "FIFO queue not empty after deleting everything");
            second.kill();
        }

        try (ChildServer third = ChildServer.start(dataDir, options); SqsClient client = SqsClients.create(third.endpoint())) {
            for (String name : List.of("durable-std", "durable-fifo.fifo")) {
                String url = client.getQueueUrl(b -> b.queueName(name)).queueUrl();
                assertEquals(0, Checks.messagesIn(client, url), name + ": deleted messages came back after a kill");
                assertTrue(client.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).messages().isEmpty(),
                        name + ": a deleted message was delivered after a kill");
            }
        }
    }

    /** Receives and deletes the FIFO queue; each group's sequence must be in send order, complete and without repeats. */
    private static void drainFifoInOrder(SqsClient client, String url, FifoProducers fifo) {
        Map<String, List<Integer>> seen = new TreeMap<>();
        Set<String> messageIds = new TreeSet<>();
        int empties = 0;
        for (int i = 0; i < 20_000 && empties < 3; i++) {
            List<Message> got = client.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .visibilityTimeout(VISIBILITY_S).waitTimeSeconds(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();
            if (got.isEmpty()) {
                empties++;
                continue;
            }
            empties = 0;
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (Message m : got) {
                assertTrue(messageIds.add(m.messageId()), "FIFO message delivered twice: " + m.messageId() + " " + m.body());
                assertTrue(fifo.attempted.contains(m.body()), "FIFO body nobody sent: " + m.body());
                String group = m.body().substring(0, m.body().indexOf('-'));
                assertEquals(group, m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
                seen.computeIfAbsent(group, k -> new ArrayList<>()).add(Integer.parseInt(m.body().substring(group.length() + 1)));
                entries.add(DeleteMessageBatchRequestEntry.builder().id("d" + entries.size()).receiptHandle(m.receiptHandle()).build());
            }
            var r = client.deleteMessageBatch(b -> b.queueUrl(url).entries(entries));
            assertTrue(r.failed().isEmpty(), "FIFO deletes failed: " + r.failed());
        }
        assertEquals(3, empties, "FIFO queue did not drain");
        int extra = 0;
        for (var e : fifo.acked.entrySet()) {
            List<Integer> order = seen.getOrDefault(e.getKey(), List.of());
            for (int i = 1; i < order.size(); i++) {
                if (order.get(i) <= order.get(i - 1)) {
                    fail("group " + e.getKey() + " out of order: " + order.get(i - 1) + " then " + order.get(i));
                }
            }
            Set<Integer> missing = new TreeSet<>(e.getValue());
            order.forEach(missing::remove);
            assertTrue(missing.isEmpty(), "group " + e.getKey() + " lost acknowledged FIFO messages " + missing);
            extra += order.size() - e.getValue().size();
        }
        System.out.printf("[kill -9] FIFO after restart: %d delivered in order, %d extra unacknowledged%n", messageIds.size(), extra);
    }
}
