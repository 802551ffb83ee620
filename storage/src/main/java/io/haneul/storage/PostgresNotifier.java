package io.haneul.storage;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Notifier} for nodes sharing PostgreSQL. Publishing delivers to this process's subscribers
 * at once and sends {@code NOTIFY} on one PostgreSQL channel, with the Haneul channel and the
 * sender's id in the payload (Haneul channel names need not be SQL identifiers). A dedicated,
 * unpooled connection LISTENs on a platform thread, reconnecting after failures, and hands
 * other nodes' messages to the local subscribers; its own messages it skips, as they were
 * delivered locally already.
 */
final class PostgresNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresNotifier.class);
    static final String PG_CHANNEL = "haneul_events";
    private static final int MAX_NOTIFY_BYTES = 7900;
    private static final int HEARTBEAT_MS = 10_000;
    /** Longest wait between reconnects: how late, at most, a node notices its database is back. */
    private static final long MAX_BACKOFF_MS = 1_000;

    private final PostgresDatabase db;
    private final LocalNotifier local = new LocalNotifier();
    private final NotifyOutbox outbox = new NotifyOutbox(this::sendRound);
    private final String nodeId = UUID.randomUUID().toString();
    private final CountDownLatch listening = new CountDownLatch(1);
    private final Object connectionLock = new Object();
    private final Thread listener;
    private Connection connection;
    private volatile boolean closed;

    PostgresNotifier(PostgresDatabase db) {
        this.db = db;
        listener = Thread.ofPlatform().name("haneul-pg-listen").daemon(true).start(this::listenLoop);
        try {
            if (!listening.await(15, TimeUnit.SECONDS)) {
                LOG.warn("LISTEN not established within 15 s; cross-node notifications start once it is");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void publish(String channel, String payload) {
        String message = message(channel, payload);
        if (closed) {
            return;
        }
        local.publish(channel, payload == null ? "" : payload);
        db.write(c -> {
            try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                notify.setString(1, PG_CHANNEL);
                notify.setString(2, message);
                notify.execute();
            }
            return null;
        });
    }

    /**
     * Delivers locally at once and queues the NOTIFY in the {@link NotifyOutbox}, whose rounds run
     * with {@code synchronous_commit = off}: a notification is no data, so its transaction need not
     * wait for the WAL flush (it is delivered at commit all the same, and a crash loses it as it
     * would lose an unsent one).
     */
    @Override
    public void publishCoalesced(String channel, String payload) {
        String message = message(channel, payload);
        if (closed) {
            return;
        }
        local.publish(channel, payload == null ? "" : payload);
        outbox.add(message);
    }

    private void sendRound(List<String> messages) {
        if (closed) {
            return;
        }
        db.write(c -> {
            try (PreparedStatement notify = c.prepareStatement(
                    "SELECT pg_notify(?, m), set_config('synchronous_commit', 'off', true) FROM unnest(?::text[]) AS m")) {
                notify.setString(1, PG_CHANNEL);
                notify.setArray(2, c.createArrayOf("text", messages.toArray()));
                notify.execute();
            }
            return null;
        });
    }

    private String message(String channel, String payload) {
        Objects.requireNonNull(channel, "channel");
        if (channel.isEmpty() || channel.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("channel must be non-empty and on one line: " + channel);
        }
        String message = nodeId + "\n" + channel + "\n" + (payload == null ? "" : payload);
        if (message.getBytes(StandardCharsets.UTF_8).length > MAX_NOTIFY_BYTES) {
            throw new IllegalArgumentException("notification too large for PostgreSQL NOTIFY: channel " + channel);
        }
        return message;
    }

    @Override
    public Subscription subscribe(String channel, Consumer<String> consumer) {
        return local.subscribe(channel, consumer);
    }

    /**
     * A refusal that retrying cannot mend: authentication (SQLSTATE class 28) or no such database
     * (3D000). Anything else (too many connections, a server starting up) is worth another try.
     */
    static boolean refuses(java.sql.SQLException e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.sql.SQLException se && se.getSQLState() != null
                    && (se.getSQLState().startsWith("28") || se.getSQLState().equals("3D000"))) {
                return true;
            }
        }
        return false;
    }

    private void listenLoop() {
        long backoffMs = 100;
        while (!closed) {
            Connection opened;
            try {
                opened = db.openDedicatedConnection();
            } catch (SQLException e) {
                if (closed) {
                    return;
                }
                // Cannot connect: the database is down for this node until a reconnect succeeds.
                if (StorageUnavailableException.isUnreachable(e)) {
                    db.markUnavailable(e);
                } else if (refuses(e)) {
                    db.markRefused(e);
                }
                listening.countDown();
                LOG.debug("PostgreSQL LISTEN connection cannot be opened; retrying in {} ms", backoffMs, e);
                sleep(backoffMs);
                backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
                continue;
            }
            long connectedAt = System.nanoTime();
            try (Connection c = opened) {
                synchronized (connectionLock) {
                    if (closed) {
                        return;
                    }
                    connection = c;
                }
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + PG_CHANNEL);
                }
                db.markAvailable();
                listening.countDown();
                backoffMs = 100;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(HEARTBEAT_MS);
                    if (notifications == null || notifications.length == 0) {
                        try (Statement s = c.createStatement()) {
                            s.execute("SELECT 1");
                        }
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        dispatch(n.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                // An open connection failed: reconnect at once, so that a stopped server is known
                // unreachable (by the failed reconnect) without waiting.
                LOG.warn("PostgreSQL LISTEN connection failed ({}); reconnecting", e.getMessage());
                LOG.debug("LISTEN failure", e);
                if (System.nanoTime() - connectedAt < 1_000_000_000L) {
                    sleep(backoffMs); // failing right after connecting: do not spin
                    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
                }
            } finally {
                synchronized (connectionLock) {
                    connection = null;
                }
            }
        }
    }

    private void dispatch(String message) {
        int first = message.indexOf('\n');
        int second = first < 0 ? -1 : message.indexOf('\n', first + 1);
        if (second < 0) {
            return;
        }
        if (message.regionMatches(0, nodeId, 0, first) && first == nodeId.length()) {
            return;
        }
        local.publish(message.substring(first + 1, second), message.substring(second + 1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        synchronized (connectionLock) {
            if (closed) {
                return;
            }
            closed = true;
            if (connection != null) {
                try {
                    connection.abort(Runnable::run);
                } catch (SQLException e) {
                    LOG.debug("aborting the LISTEN connection failed", e);
                }
            }
        }
        listener.interrupt();
        try {
            listener.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        local.close();
    }
}
