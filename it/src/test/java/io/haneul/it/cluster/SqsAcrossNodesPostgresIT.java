package io.haneul.it.cluster;

import io.haneul.it.support.SharedPostgres;
import io.haneul.server.HaneulServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes on one PostgreSQL database with a queue cache far longer than the test: a change made
 * through one node reaches the other only through the store's notifier, a send through a node that
 * still remembers a deleted queue is refused, and rows a deleted queue left behind are swept.
 */
class SqsAcrossNodesPostgresIT {

    /** Ten minutes: without cross-node invalidation the other node would serve the old row all test long. */
    private static final String LONG_CACHE = "600000";

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void attributesSetOnOneNodeAreSeenOnTheOther() throws Exception {
        String storage = SharedPostgres.newDatabase("cluster_attrs");
        try (HaneulServer a = node(storage, "a"); HaneulServer b = node(storage, "b");
             SqsClient ca = ClusterNodes.sqs(a); SqsClient cb = ClusterNodes.sqs(b)) {
            String url = ca.createQueue(r -> r.queueName("attrs")).queueUrl();
            assertEquals("30", visibility(cb, url));
            ca.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "45")));
            assertTrue(ClusterNodes.eventually(() -> "45".equals(visibility(cb, url))), "node B kept the old attributes");
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aQueueDeletedOnOneNodeRefusesSendsOnTheOther() throws Exception {
        String storage = SharedPostgres.newDatabase("cluster_delete");
        try (HaneulServer a = node(storage, "a"); HaneulServer b = node(storage, "b");
             SqsClient ca = ClusterNodes.sqs(a); SqsClient cb = ClusterNodes.sqs(b)) {
            String url = ca.createQueue(r -> r.queueName("doomed")).queueUrl();
            cb.sendMessage(r -> r.queueUrl(url).messageBody("before")); // node B now holds the queue row
            ca.deleteQueue(r -> r.queueUrl(url));
            for (int i = 0; i < 20; i++) {
                assertThrows(QueueDoesNotExistException.class, () -> cb.sendMessage(r -> r.queueUrl(url).messageBody("into the void")));
            }
            assertEquals(0, rows(storage, "SELECT COUNT(*) FROM sqs_messages"));
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void rowsLeftByADeletedQueueAreSwept() throws Exception {
        String storage = SharedPostgres.newDatabase("cluster_sweep");
        try (HaneulServer a = node(storage, "a"); SqsClient ca = ClusterNodes.sqs(a)) {
            String url = ca.createQueue(r -> r.queueName("swept")).queueUrl();
            long id = rows(storage, "SELECT id FROM sqs_queues WHERE name = 'swept'");
            ca.deleteQueue(r -> r.queueUrl(url));
            // what a send committing on another node while the delete ran leaves behind
            try (Connection c = connect(storage); PreparedStatement ps = c.prepareStatement("INSERT INTO sqs_messages (queue_id, "
                    + "message_id, body, md5_body, sent_at, visible_at, retention_base) VALUES (?, 'late', 'late', 'x', 0, 0, 0)")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            assertEquals(1, rows(storage, "SELECT COUNT(*) FROM sqs_messages WHERE queue_id = " + id));
            assertTrue(ClusterNodes.eventually(() -> {
                try {
                    return rows(storage, "SELECT COUNT(*) FROM sqs_messages WHERE queue_id = " + id) == 0;
                } catch (Exception e) {
                    return false;
                }
            }), "the deleted queue's row was never swept");
        }
    }

    private HaneulServer node(String storage, String name) throws Exception {
        return ClusterNodes.node(ClusterNodes.dir(tmp, name), storage, "--sqs-queue-cache-ms", LONG_CACHE);
    }

    private static String visibility(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                .attributes().get(QueueAttributeName.VISIBILITY_TIMEOUT);
    }

    static Connection connect(String storage) throws Exception {
        return DriverManager.getConnection("jdbc:" + storage.replace("postgres@", ""), "postgres", "");
    }

    static long rows(String storage, String sql) throws Exception {
        try (Connection c = connect(storage); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
