package io.haneul.it.sqs.durability;

import io.haneul.server.HaneulServer;
import io.haneul.server.config.HaneulConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several Haneul nodes on one PostgreSQL (embedded, started once for the class; a fresh database
 * per test): load on two nodes at once loses nothing and hands nothing out twice, a long poll on
 * one node wakes for a send on the other, FIFO groups stay blocked across nodes, a node started on
 * the same database after another stopped (or was killed) finds the messages.
 */
class PostgresNodesIT {

    private static final int VISIBILITY_S = 60;
    private static EmbeddedPostgres postgres;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    Path tmp;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "300")
                .start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** A new empty database, as the {@code --storage} URL that reaches it. */
    private static String newDatabase() throws Exception {
        String name = "haneul_sqs_" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return "postgresql://postgres@127.0.0.1:" + postgres.getPort() + "/" + name;
    }

    /** An in-process node on its own port and data dir. */
    private HaneulServer node(String storage) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "node");
        HaneulConfig config = HaneulConfig.from(new String[]{"--port", "0", "--host", "127.0.0.1", "--data-dir", dir.toString(),
                "--storage", storage}, Map.of());
        return new HaneulServer(config, Clock.systemUTC()).start();
    }

    private static SqsClient client(HaneulServer node) {
        return SqsClients.create(URI.create(node.endpoint()));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void twoNodesUnderLoadLoseNothingAndDeliverNothingTwice() throws Exception {
        String storage = newDatabase();
        try (HaneulServer a = node(storage); HaneulServer b = node(storage); SqsClient ca = client(a); SqsClient cb = client(b)) {
            String urlA = ca.createQueue(r -> r.queueName("shared")).queueUrl();
            String urlB = cb.getQueueUrl(r -> r.queueName("shared")).queueUrl();
            List<Producers.Target> targets = List.of(new Producers.Target("A", ca, urlA), new Producers.Target("B", cb, urlB));
            Producers producers = new Producers().start(targets, 4, 100, "two-nodes");
            Consumers consumers = new Consumers().start(targets, 4, VISIBILITY_S, 1, true, () -> !producers.running(), 20_000);
            assertTrue(producers.join(240), "producers did not finish");
            assertTrue(consumers.join(240), "consumers did not finish");
            assertEquals(0, producers.unexpectedErrors.get(), "sends failed: " + producers.errorSamples);
            assertEquals(0, consumers.errors.get(), "receives/deletes failed: " + consumers.errorSamples);
            assertEquals(0, consumers.failedDeletes.get(), "deletes failed: " + consumers.errorSamples);
            assertEquals(producers.attempted.size(), producers.acked.size(), "every send was acknowledged");
            Checks.nothingLostNothingDoubled(producers, consumers, VISIBILITY_S);
            assertEquals(producers.acked.size(), consumers.receiptsByMessageId().size(), "delivered exactly the messages sent");
            System.out.printf("[two nodes] %d sent, delivered by node: %s%n", producers.acked.size(), consumers.deliveriesByNode);
            assertTrue(consumers.deliveriesByNode.getOrDefault("A", new AtomicInteger()).get() > 0
                    && consumers.deliveriesByNode.getOrDefault("B", new AtomicInteger()).get() > 0,
                    "both nodes delivered: " + consumers.deliveriesByNode);
            assertEquals(0, Checks.messagesIn(ca, urlA));
            assertEquals(0, Checks.messagesIn(cb, urlB));
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void longPollOnOneNodeWakesForASendOnTheOther() throws Exception {
        String storage = newDatabase();
        try (HaneulServer a = node(storage); HaneulServer b = node(storage); SqsClient ca = client(a); SqsClient cb = client(b)) {
            String urlA = ca.createQueue(r -> r.queueName("wake")).queueUrl();
            String urlB = cb.getQueueUrl(r -> r.queueName("wake")).queueUrl();
            for (int round = 0; round < 3; round++) {
                boolean aToB = round % 2 == 0;
                SqsClient sender = aToB ? ca : cb;
                SqsClient waiter = aToB ? cb : ca;
                String sendUrl = aToB ? urlA : urlB;
                String waitUrl = aToB ? urlB : urlA;
                String body = "wake-" + round;
                long start = System.nanoTime();
                CompletableFuture<List<Message>> poll = CompletableFuture.supplyAsync(() -> waiter.receiveMessage(r -> r
                        .queueUrl(waitUrl).waitTimeSeconds(20).maxNumberOfMessages(1).visibilityTimeout(VISIBILITY_S)).messages());
                Thread.sleep(1_000); // let the poll park first; if it has not, the test only gets easier
                sender.sendMessage(r -> r.queueUrl(sendUrl).messageBody(body));
                List<Message> got = poll.get(60, TimeUnit.SECONDS);
                long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(1, got.size(), "the long poll returned without the message");
                assertEquals(body, got.getFirst().body());
                // loose: without a cross-node wake-up the poll would only return at its 20 s deadline
                assertTrue(waitedMs < 15_000, "long poll was not woken by the other node's send; returned after " + waitedMs + " ms");
                waiter.deleteMessage(r -> r.queueUrl(waitUrl).receiptHandle(got.getFirst().receiptHandle()));
            }
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void fifoGroupStaysBlockedWhileInFlightAcrossNodes() throws Exception {
        String storage = newDatabase();
        try (HaneulServer a = node(storage); HaneulServer b = node(storage); SqsClient ca = client(a); SqsClient cb = client(b)) {
            for (int round = 0; round < 5; round++) {
                String name = "blocked-" + round + ".fifo";
                String urlA = ca.createQueue(r -> r.queueName(name).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
                String urlB = cb.getQueueUrl(r -> r.queueName(name)).queueUrl();
                for (int batch = 0; batch < 15; batch++) {
                    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                    for (int k = 0; k < 10; k++) {
                        String body = String.format("m%04d", batch * 10 + k);
                        entries.add(SendMessageBatchRequestEntry.builder().id("e" + k).messageBody(body).messageGroupId("g")
                                .messageDeduplicationId(body).build());
                    }
                    assertTrue(ca.sendMessageBatch(r -> r.queueUrl(urlA).entries(entries)).failed().isEmpty());
                }
                int consumers = 8;
                CyclicBarrier barrier = new CyclicBarrier(consumers);
                List<CompletableFuture<List<Message>>> polls = new ArrayList<>();
                for (int i = 0; i < consumers; i++) {
                    SqsClient c = i % 2 == 0 ? ca : cb;
                    String url = i % 2 == 0 ? urlA : urlB;
                    polls.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            barrier.await(30, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return c.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(VISIBILITY_S)
                                .waitTimeSeconds(0)).messages();
                    }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
                }
                List<String> bodies = new ArrayList<>();
                for (var p : polls) {
                    p.get(60, TimeUnit.SECONDS).forEach(m -> bodies.add(m.body()));
                }
                bodies.sort(null);
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    expected.add(String.format("m%04d", i));
                }
                assertEquals(expected, bodies, "round " + round + ": while the group's first batch was in flight, "
                        + "concurrent receives on two nodes handed out other messages of the group");
            }
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void fifoDeduplicationHoldsForConcurrentSendsOnTwoNodes() throws Exception {
        String storage = newDatabase();
        try (HaneulServer a = node(storage); HaneulServer b = node(storage); SqsClient ca = client(a); SqsClient cb = client(b)) {
            String urlA = ca.createQueue(r -> r.queueName("dedup.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
            String urlB = cb.getQueueUrl(r -> r.queueName("dedup.fifo")).queueUrl();
            int keys = 20;
            int senders = 8;
            var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
            try {
                for (int key = 0; key < keys; key++) {
                    String dedupId = "key-" + key;
                    CyclicBarrier barrier = new CyclicBarrier(senders);
                    List<CompletableFuture<String>> sends = new ArrayList<>();
                    for (int i = 0; i < senders; i++) {
                        SqsClient c = i % 2 == 0 ? ca : cb;
                        String url = i % 2 == 0 ? urlA : urlB;
                        sends.add(CompletableFuture.supplyAsync(() -> {
                            try {
                                barrier.await(30, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            return c.sendMessage(r -> r.queueUrl(url).messageBody(dedupId).messageGroupId("g" + dedupId.hashCode() % 3)
                                    .messageDeduplicationId(dedupId)).messageId();
                        }, pool));
                    }
                    java.util.Set<String> ids = new java.util.TreeSet<>();
                    for (var f : sends) {
                        ids.add(f.get(60, TimeUnit.SECONDS));
                    }
                    assertEquals(1, ids.size(), dedupId + ": concurrent sends with one deduplication id got different message ids " + ids);
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(keys, Checks.messagesIn(ca, urlA), "messages stored for " + keys + " deduplication ids sent " + senders + " times each");
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void nodeStartedAfterAnotherStoppedFindsItsMessages() throws Exception {
        String storage = newDatabase();
        List<String> sent = new ArrayList<>();
        try (HaneulServer a = node(storage); SqsClient ca = client(a)) {
            String std = ca.createQueue(r -> r.queueName("kept")).queueUrl();
            String fifo = ca.createQueue(r -> r.queueName("kept.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
            for (int i = 0; i < 5; i++) {
                String body = "kept-" + i;
                ca.sendMessage(r -> r.queueUrl(std).messageBody(body));
                ca.sendMessage(r -> r.queueUrl(fifo).messageBody(body).messageGroupId("g").messageDeduplicationId(body));
                sent.add(body);
            }
        }
        try (HaneulServer c = node(storage); SqsClient cc = client(c)) {
            String std = cc.getQueueUrl(r -> r.queueName("kept")).queueUrl();
            String fifo = cc.getQueueUrl(r -> r.queueName("kept.fifo")).queueUrl();
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 20 && got.size() < sent.size(); i++) {
                cc.receiveMessage(r -> r.queueUrl(std).maxNumberOfMessages(10).waitTimeSeconds(1).visibilityTimeout(VISIBILITY_S))
                        .messages().forEach(m -> got.add(m.body()));
            }
            got.sort(null);
            assertEquals(sent, got, "standard queue after a restart on the same database");
            List<String> fifoGot = cc.receiveMessage(r -> r.queueUrl(fifo).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .visibilityTimeout(VISIBILITY_S)).messages().stream().map(Message::body).toList();
            assertEquals(sent, fifoGot, "FIFO queue after a restart on the same database, in order");
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void acknowledgedMessagesSurviveKillDashNineOfANode() throws Exception {
        new KillScenario(tmp, "--storage", newDatabase()).run();
    }
}
