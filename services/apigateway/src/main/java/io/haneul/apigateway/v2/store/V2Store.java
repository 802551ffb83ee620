package io.haneul.apigateway.v2.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.util.List;
import java.util.Optional;

/** API Gateway v2's items as JSON documents (see {@link V2Schema}). */
public final class V2Store {

    /** An item and where it lives: a scope {@code account/region} (or under it, e.g. an API's items). */
    public record Row(String scope, ObjectNode doc) {

        /** The account that owns the item: the scope's first part. */
        public String account() {
            return scope.split("/", 2)[0];
        }

        /** The item's region: the scope's second part ({@code us-east-1} where a scope has none). */
        public String region() {
            String[] parts = scope.split("/", 3);
            return parts.length > 1 ? parts[1] : "us-east-1";
        }
    }

    private final Database db;
    private final ObjectMapper json;
    private final io.haneul.apigateway.store.WriteCount writes;
    /** The custom domain names of every account, as last read, and when (see {@link #isDomainName}). */
    private final java.util.concurrent.atomic.AtomicReference<Names> domainNames = new java.util.concurrent.atomic.AtomicReference<>();

    private record Names(java.util.Set<String> names, long loadedAtNanos) {
    }

    public V2Store(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
        this.writes = new io.haneul.apigateway.store.WriteCount(db);
        db.migrate("apigatewayv2", V2Schema.migrations());
    }

    public Optional<ObjectNode> find(String kind, String scope, String id) {
        return db.read(c -> Sql.one(c, "SELECT doc FROM apigwv2_items WHERE kind = ? AND scope = ? AND item_id = ?",
                rs -> object(rs.getString(1)), kind, scope, id));
    }

    /** An item found by kind and id alone (an API from its invoke URL). */
    public Optional<Row> findAnywhere(String kind, String id) {
        return db.read(c -> Sql.one(c, "SELECT scope, doc FROM apigwv2_items WHERE kind = ? AND item_id = ?",
                rs -> new Row(rs.getString(1), object(rs.getString(2))), kind, id));
    }

    public List<ObjectNode> list(String kind, String scope) {
        return db.read(c -> Sql.list(c, "SELECT doc FROM apigwv2_items WHERE kind = ? AND scope = ? ORDER BY item_id",
                rs -> object(rs.getString(1)), kind, scope));
    }

    /** @return false when an item with that key exists already */
    public boolean insert(String kind, String scope, String id, ObjectNode doc) {
        boolean inserted = db.write(c -> {
            if (Sql.one(c, "SELECT 1 FROM apigwv2_items WHERE kind = ? AND scope = ? AND item_id = ?", rs -> 1, kind, scope, id).isPresent()) {
                return false;
            }
            Sql.update(c, "INSERT INTO apigwv2_items (kind, scope, item_id, doc) VALUES (?, ?, ?, ?)", kind, scope, id, doc.toString());
            return true;
        });
        writes.written();
        forgetDomains(kind);
        return inserted;
    }

    public void replace(String kind, String scope, String id, ObjectNode doc) {
        db.write(c -> Sql.update(c, "UPDATE apigwv2_items SET doc = ? WHERE kind = ? AND scope = ? AND item_id = ?",
                doc.toString(), kind, scope, id));
        writes.written();
    }

    public void delete(String kind, String scope, String id) {
        db.write(c -> Sql.update(c, "DELETE FROM apigwv2_items WHERE kind = ? AND scope = ? AND item_id = ?", kind, scope, id));
        writes.written();
        forgetDomains(kind);
    }

    /** Removes everything under a scope: an API's routes, and the route responses under its routes. */
    public void deleteScope(String scope) {
        db.write(c -> Sql.update(c, "DELETE FROM apigwv2_items WHERE scope = ? OR scope LIKE ?", scope, scope + "/%"));
        writes.written();
    }

    /**
     * Changes on this node so far, for caches of what a stage serves (the WebSocket plane's). With
     * PostgreSQL other nodes write too, unseen here: the value then also changes every second, so
     * a cache keyed on it is at most a second behind another node's change.
     */
    public long writeCount() {
        return writes.value();
    }

    /**
     * Whether a host is a custom domain name of any account. The data plane asks this of every dotted
     * host, so the names are read at most once a second (another node's new name is seen within one),
     * and at once after this node adds or removes one.
     */
    public boolean isDomainName(String host) {
        Names known = domainNames.get();
        long now = System.nanoTime();
        if (known == null || now - known.loadedAtNanos() > 1_000_000_000L) {
            known = new Names(java.util.Set.copyOf(db.read(c -> Sql.list(c, "SELECT item_id FROM apigwv2_items WHERE kind = 'domainName'",
                    rs -> rs.getString(1)))), now);
            domainNames.set(known);
        }
        return known.names().contains(host);
    }

    private void forgetDomains(String kind) {
        if (kind.equals("domainName")) {
            domainNames.set(null);
        }
    }

    /** Whether a REST API (the v1 plane's table) already has this id: the invoke URL is shared. */
    public boolean restApiExists(String id) {
        return db.read(c -> Sql.one(c, "SELECT 1 FROM apigw_rest_apis WHERE api_id = ?", rs -> 1, id)).isPresent();
    }

    private ObjectNode object(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored apigatewayv2 item is not JSON", e);
        }
    }
}
