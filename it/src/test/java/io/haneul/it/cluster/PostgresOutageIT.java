package io.haneul.it.cluster;

import io.haneul.server.HaneulServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL going away under a node and a node started before its database: calls answer 503
 * ServiceUnavailable (which SDKs retry) instead of 500 after the pool's timeout, health says
 * {@code storage: unavailable}, and the node recovers by itself once the database is back.
 */
class PostgresOutageIT {

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void nodeStartedWhilePostgresIsDownWaitsForItAndThenServes() throws Exception {
        int port = ClusterNodes.freePort();
        String storage = "postgresql://postgres@127.0.0.1:" + port + "/postgres";
        try (HaneulServer node = ClusterNodes.node(ClusterNodes.dir(tmp, "node"), storage); SqsClient sqs = ClusterNodes.sqs(node)) {
            assertTrue(healthSays(node, "unavailable"), ClusterNodes.health(node));
            SqsException down = assertThrows(SqsException.class, () -> sqs.createQueue(r -> r.queueName("early")));
            assertEquals(503, down.statusCode());
            assertEquals("ServiceUnavailable", down.awsErrorDetails().errorCode());

            try (EmbeddedPostgres pg = ClusterNodes.startPostgres(ClusterNodes.dir(tmp, "pg"), port)) {
                assertTrue(ClusterNodes.eventually(() -> healthSays(node, "postgresql")),
                        "the node never found its database");
                String url = sqs.createQueue(r -> r.queueName("late")).queueUrl();
                sqs.sendMessage(r -> r.queueUrl(url).messageBody("after the wait"));
                assertEquals("after the wait", sqs.receiveMessage(r -> r.queueUrl(url)).messages().getFirst().body());
            }
        }
    }

    /** A database that comes up but refuses the node (here: no such database) ends the retries; health says why. */
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void databaseThatRefusesTheNodeEndsTheRetries() throws Exception {
        int port = ClusterNodes.freePort();
        String storage = "postgresql://postgres@127.0.0.1:" + port + "/no_such_database";
        try (HaneulServer node = ClusterNodes.node(ClusterNodes.dir(tmp, "node"), storage)) {
            assertTrue(healthSays(node, "unavailable"), ClusterNodes.health(node));
            try (EmbeddedPostgres pg = ClusterNodes.startPostgres(ClusterNodes.dir(tmp, "pg"), port)) {
                assertTrue(ClusterNodes.eventually(() -> healthSays(node, "failed")), ClusterNodes.health(node));
                assertTrue(ClusterNodes.health(node).contains("no_such_database"), ClusterNodes.health(node));
            }
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void outageAnswers503AndTheNodeRecoversWithItsMessages() throws Exception {
        int port = ClusterNodes.freePort();
        Path pgData = ClusterNodes.dir(tmp, "pg");
        EmbeddedPostgres pg = ClusterNodes.startPostgres(pgData, port);
        String storage = ClusterNodes.newDatabase(pg, "outage");
        try (HaneulServer node = ClusterNodes.node(ClusterNodes.dir(tmp, "node"), storage); SqsClient sqs = ClusterNodes.sqs(node)) {
            String url = sqs.createQueue(r -> r.queueName("survivor")).queueUrl();
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("before the outage"));

            pg.close();
            assertTrue(ClusterNodes.eventually(() -> healthSays(node, "unavailable")), "health never said unavailable");
            long start = System.nanoTime();
            SqsException down = assertThrows(SqsException.class, () -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("lost?")));
            System.out.printf("[outage] a send while PostgreSQL was down answered %d %s in %d ms%n", down.statusCode(),
                    down.awsErrorDetails().errorCode(), (System.nanoTime() - start) / 1_000_000);
            assertEquals(503, down.statusCode());
            assertEquals("ServiceUnavailable", down.awsErrorDetails().errorCode());

            pg = ClusterNodes.startPostgres(pgData, port);
            assertTrue(ClusterNodes.eventually(() -> healthSays(node, "postgresql")), "the node never recovered");
            assertTrue(ClusterNodes.eventually(() -> {
                try {
                    sqs.sendMessage(r -> r.queueUrl(url).messageBody("after the outage"));
                    return true;
                } catch (SqsException e) {
                    return false; // the pool may still hand out a connection of the old server once
                }
            }), "sends never worked again");
            var bodies = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages().stream()
                    .map(m -> m.body()).toList();
            assertTrue(bodies.contains("before the outage"), "lost a message: " + bodies);
        } finally {
            pg.close();
        }
    }

    private static boolean healthSays(HaneulServer node, String storage) {
        try {
            return ClusterNodes.health(node).replaceAll("\\s", "").contains("\"storage\":\"" + storage + "\"");
        } catch (Exception e) {
            return false;
        }
    }
}
