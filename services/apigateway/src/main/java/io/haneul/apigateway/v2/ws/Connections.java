package io.haneul.apigateway.v2.ws;

import io.haneul.storage.Notifier;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket connections this node holds, and the {@code @connections} operations on any
 * connection. Held connections are answered from memory. When nodes share PostgreSQL
 * ({@code shared}), each connection is also recorded in the store; a call for a connection held
 * elsewhere is written to the store's relay table and announced on the notifier, and the node
 * holding the connection takes it and carries it out. A connection found nowhere is gone (410).
 */
public final class Connections implements AutoCloseable {

    private static final String CHANNEL = "apigwv2_ws";

    /** What GetConnection answers. */
    public record Info(Instant connectedAt, Instant lastActiveAt, String sourceIp, String userAgent) {
    }

    private final Map<String, WsConnection> held = new ConcurrentHashMap<>();
    private final ConnectionStore store;
    private final Notifier notifier;
    private final Notifier.Subscription subscription;
    private final Clock clock;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "apigwv2-ws-lifetime");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param store    the shared store, or null when this node is the only one (SQLite)
     * @param notifier the store's notifier, for relayed calls (used only with a store)
     */
    Connections(ConnectionStore store, Notifier notifier, Clock clock) {
        this.store = store;
        this.notifier = notifier;
        this.clock = clock;
        this.subscription = store == null ? null : notifier.subscribe(CHANNEL, this::relayed);
    }

    /** A connection opened: held here (and recorded for other nodes); closed by the server once {@code lifetime} has passed. */
    void opened(WsConnection c, Duration lifetime) {
        held.put(c.id(), c);
        if (store != null) {
            store.opened(c);
        }
        c.lifetime(timers.schedule(() -> c.close(1001, "Going away"), lifetime.toMillis(), TimeUnit.MILLISECONDS));
    }

    void closed(WsConnection c) {
        if (held.remove(c.id()) != null && store != null) {
            store.closed(c.id());
        }
    }

    int size() {
        return held.size();
    }

    /** The API a connection belongs to, held here or (PostgreSQL) recorded by another node; empty when it is gone. */
    public Optional<String> apiIdOf(String connectionId) {
        WsConnection c = held.get(connectionId);
        if (c != null) {
            return Optional.of(c.origin().apiId());
        }
        return store == null ? Optional.empty() : store.find(connectionId).map(ConnectionStore.Stored::apiId);
    }

    /** GetConnection. @param apiId the API the call was addressed to, or null when only the connection id is known */
    public Info describe(String apiId, String connectionId) {
        WsConnection c = held.get(connectionId);
        if (c != null && matches(apiId, c.origin().apiId())) {
            return new Info(c.connectedAt(), c.lastActiveAt(), c.origin().sourceIp(), c.origin().userAgent());
        }
        ConnectionStore.Stored s = stored(apiId, connectionId);
        return new Info(s.connectedAt(), s.connectedAt(), s.sourceIp(), s.userAgent());
    }

    /** PostToConnection: the data goes to the client as a text frame. */
    public void post(String apiId, String connectionId, byte[] data) {
        WsConnection c = held.get(connectionId);
        if (c != null && matches(apiId, c.origin().apiId())) {
            send(c, data);
            return;
        }
        stored(apiId, connectionId);
        relay(new ConnectionStore.Relay(connectionId, "post", Base64.getEncoder().encodeToString(data)));
    }

    /** DeleteConnection: the server closes the connection ({@code $disconnect} runs). */
    public void delete(String apiId, String connectionId) {
        WsConnection c = held.get(connectionId);
        if (c != null && matches(apiId, c.origin().apiId())) {
            closeNow(c);
            return;
        }
        stored(apiId, connectionId);
        relay(new ConnectionStore.Relay(connectionId, "delete", null));
    }

    /** Forgets the connection before closing it, so a call made once the client saw the close finds it gone. */
    private void closeNow(WsConnection c) {
        closed(c);
        c.close(1000, "Connection closed by the server");
    }

    private void send(WsConnection c, byte[] data) {
        if (c.send(new String(data, StandardCharsets.UTF_8)).isCompletedExceptionally()) {
            throw new GoneConnectionException(c.id());
        }
        c.touched(clock.instant());
    }

    private ConnectionStore.Stored stored(String apiId, String connectionId) {
        Optional<ConnectionStore.Stored> s = store == null ? Optional.empty() : store.find(connectionId);
        if (s.isEmpty() || !matches(apiId, s.get().apiId())) {
            throw new GoneConnectionException(connectionId);
        }
        return s.get();
    }

    private void relay(ConnectionStore.Relay relay) {
        String id = UUID.randomUUID().toString();
        store.relay(id, relay);
        notifier.publish(CHANNEL, id + " " + relay.connectionId());
    }

    /** A relay announcement: taken (on a virtual thread, listeners must be quick) only by the node that holds the connection. */
    private void relayed(String payload) {
        int space = payload.indexOf(' ');
        if (space < 0 || !held.containsKey(payload.substring(space + 1))) {
            return;
        }
        Thread.ofVirtual().start(() -> store.take(payload.substring(0, space)).ifPresent(r -> {
            WsConnection c = held.get(r.connectionId());
            if (c == null) {
                return;
            }
            if (r.action().equals("post")) {
                try {
                    send(c, Base64.getDecoder().decode(r.data()));
                } catch (GoneConnectionException closedMeanwhile) {
                    // the connection closed between the call and the relay; nothing to deliver
                }
            } else {
                closeNow(c);
            }
        }));
    }

    private static boolean matches(String apiId, String owner) {
        return apiId == null || apiId.equals(owner);
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        timers.shutdownNow();
    }
}
