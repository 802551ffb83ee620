package io.haneul.apigateway.v2.ws;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.time.Instant;
import java.util.Optional;

/**
 * Open connections and pending {@code @connections} calls in the shared database (tables of
 * {@code V2Schema}, migrations 10 and 11), for nodes that share PostgreSQL: a connection is held by
 * one node, and another node that is asked about it finds it here and relays the call.
 */
final class ConnectionStore {

    /** A connection as the store knows it. */
    record Stored(String connectionId, String apiId, String stage, Instant connectedAt, String sourceIp, String userAgent) {
    }

    /** A relayed call: {@code post} with base64 data, or {@code delete}. */
    record Relay(String connectionId, String action, String data) {
    }

    private final Database db;

    ConnectionStore(Database db) {
        this.db = db;
    }

    void opened(WsConnection c) {
        db.write(x -> Sql.update(x, "INSERT INTO apigwv2_ws_connections (connection_id, api_id, stage, connected_at, source_ip, user_agent)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", c.id(), c.origin().apiId(), c.origin().stage(), c.connectedAt().toEpochMilli(),
                c.origin().sourceIp(), c.origin().userAgent()));
    }

    void closed(String connectionId) {
        db.write(x -> Sql.update(x, "DELETE FROM apigwv2_ws_connections WHERE connection_id = ?", connectionId));
    }

    Optional<Stored> find(String connectionId) {
        return db.read(x -> Sql.one(x, "SELECT connection_id, api_id, stage, connected_at, source_ip, user_agent FROM apigwv2_ws_connections"
                        + " WHERE connection_id = ?", rs -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5), rs.getString(6)), connectionId));
    }

    void relay(String relayId, Relay relay) {
        db.write(x -> Sql.update(x, "INSERT INTO apigwv2_ws_relay (relay_id, connection_id, action, data) VALUES (?, ?, ?, ?)",
                relayId, relay.connectionId(), relay.action(), relay.data()));
    }

    /** Takes a relayed call (read and delete), empty when another taker had it first. */
    Optional<Relay> take(String relayId) {
        return db.write(x -> {
            Optional<Relay> found = Sql.one(x, "SELECT connection_id, action, data FROM apigwv2_ws_relay WHERE relay_id = ?",
                    rs -> new Relay(rs.getString(1), rs.getString(2), rs.getString(3)), relayId);
            if (found.isPresent() && Sql.update(x, "DELETE FROM apigwv2_ws_relay WHERE relay_id = ?", relayId) == 0) {
                return Optional.<Relay>empty();
            }
            return found;
        });
    }
}
