package io.haneul.apigateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * API Gateway's smaller items, one table for all: documentation parts and versions (scoped by REST
 * API id), client certificates, VPC links and account settings (scoped by {@code account/region}).
 * Each is a JSON document in AWS's wire names, keyed by kind, scope and id.
 */
public final class SqlItemStore {

    private final Database db;
    private final ObjectMapper json;

    public SqlItemStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
        db.migrate("apigateway", ApiGatewaySchema.migrations());
    }

    /** An item with the scope it is kept under. */
    public record Scoped(String scope, ObjectNode doc) {
    }

    /** Work done in one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    public <T> T update(Work<T> work) {
        return db.write(c -> work.run(new Tx(c)));
    }

    public <T> T read(Work<T> work) {
        return db.read(c -> work.run(new Tx(c)));
    }

    /** The statements, bound to one connection. */
    public final class Tx {
        private final Connection c;

        Tx(Connection c) {
            this.c = c;
        }

        public Optional<ObjectNode> get(String kind, String scope, String id) throws SQLException {
            return Sql.one(c, "SELECT doc FROM apigw_items WHERE kind = ? AND scope = ? AND item_id = ?",
                    rs -> object(rs.getString(1)), kind, scope, id);
        }

        public List<ObjectNode> list(String kind, String scope) throws SQLException {
            return Sql.list(c, "SELECT doc FROM apigw_items WHERE kind = ? AND scope = ? ORDER BY item_id",
                    rs -> object(rs.getString(1)), kind, scope);
        }

        /** Every item of a kind, whatever its scope (e.g. associations with one account's domain names made by others). */
        public List<Scoped> listKind(String kind) throws SQLException {
            return Sql.list(c, "SELECT scope, doc FROM apigw_items WHERE kind = ? ORDER BY item_id",
                    rs -> new Scoped(rs.getString(1), object(rs.getString(2))), kind);
        }

        public void put(String kind, String scope, String id, ObjectNode doc) throws SQLException {
            if (Sql.update(c, "UPDATE apigw_items SET doc = ? WHERE kind = ? AND scope = ? AND item_id = ?", doc.toString(), kind, scope, id) == 0) {
                Sql.update(c, "INSERT INTO apigw_items (kind, scope, item_id, doc) VALUES (?, ?, ?, ?)", kind, scope, id, doc.toString());
            }
        }

        public boolean delete(String kind, String scope, String id) throws SQLException {
            return Sql.update(c, "DELETE FROM apigw_items WHERE kind = ? AND scope = ? AND item_id = ?", kind, scope, id) == 1;
        }

        /** Removes everything of an API (when the API is deleted). */
        public void deleteScope(String scope) throws SQLException {
            Sql.update(c, "DELETE FROM apigw_items WHERE scope = ?", scope);
        }
    }

    private ObjectNode object(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable API Gateway document", e);
        }
    }
}
