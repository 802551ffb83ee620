package io.haneul.apigateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * REST APIs and everything under them, as JSON documents (see {@link ApiGatewaySchema}). Writes that
 * read first (a method added to a resource) run in one transaction through {@link #update}.
 */
public final class SqlRestApiStore {

    /** Where a REST API lives, and its document. */
    public record ApiRow(String account, String region, ObjectNode doc) {
    }

    private record ItemRow(String kind, String key, ObjectNode doc) {
    }

    /** A deployment's document and the resource tree it froze. */
    public record DeploymentRow(ObjectNode doc, ArrayNode snapshot) {
    }

    private final Database db;
    private final ObjectMapper json;

    public SqlRestApiStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
        this.writes = new WriteCount(db);
        db.migrate("apigateway", ApiGatewaySchema.migrations());
    }

    /** Work done in one transaction with the store's statements. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    private final WriteCount writes;

    public <T> T update(Work<T> work) {
        try {
            return db.write(c -> work.run(new Tx(c)));
        } finally {
            writes.written();
        }
    }

    /** See {@link WriteCount}. */
    public long writeCount() {
        return writes.value();
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

        public Optional<ApiRow> api(String apiId) throws SQLException {
            return Sql.one(c, "SELECT account, region, doc FROM apigw_rest_apis WHERE api_id = ?",
                    rs -> new ApiRow(rs.getString(1), rs.getString(2), object(rs.getString(3))), apiId);
        }

        public List<ObjectNode> apis(String account, String region) throws SQLException {
            return Sql.list(c, "SELECT doc FROM apigw_rest_apis WHERE account = ? AND region = ? ORDER BY api_id",
                    rs -> object(rs.getString(1)), account, region);
        }

        public void insertApi(String account, String region, ObjectNode doc) throws SQLException {
            Sql.update(c, "INSERT INTO apigw_rest_apis (api_id, account, region, doc) VALUES (?, ?, ?, ?)",
                    doc.get("id").asText(), account, region, doc.toString());
        }

        public void replaceApi(ObjectNode doc) throws SQLException {
            Sql.update(c, "UPDATE apigw_rest_apis SET doc = ? WHERE api_id = ?", doc.toString(), doc.get("id").asText());
        }

        public void deleteApi(String apiId) throws SQLException {
            for (String table : List.of("apigw_rest_apis", "apigw_resources", "apigw_deployments", "apigw_stages", "apigw_api_items",
                    "apigw_deployment_items")) {
                Sql.update(c, "DELETE FROM " + table + " WHERE api_id = ?", apiId);
            }
            Sql.update(c, "DELETE FROM apigw_items WHERE scope = ?", apiId);
        }

        public List<ObjectNode> resources(String apiId) throws SQLException {
            return Sql.list(c, "SELECT doc FROM apigw_resources WHERE api_id = ? ORDER BY resource_id", rs -> object(rs.getString(1)), apiId);
        }

        public void putResource(String apiId, ObjectNode doc) throws SQLException {
            String id = doc.get("id").asText();
            if (Sql.update(c, "UPDATE apigw_resources SET doc = ? WHERE api_id = ? AND resource_id = ?", doc.toString(), apiId, id) == 0) {
                Sql.update(c, "INSERT INTO apigw_resources (api_id, resource_id, doc) VALUES (?, ?, ?)", apiId, id, doc.toString());
            }
        }

        public void deleteResource(String apiId, String resourceId) throws SQLException {
            Sql.update(c, "DELETE FROM apigw_resources WHERE api_id = ? AND resource_id = ?", apiId, resourceId);
        }

        public Optional<DeploymentRow> deployment(String apiId, String deploymentId) throws SQLException {
            return Sql.one(c, "SELECT doc, snapshot FROM apigw_deployments WHERE api_id = ? AND deployment_id = ?",
                    rs -> new DeploymentRow(object(rs.getString(1)), array(rs.getString(2))), apiId, deploymentId);
        }

        public List<ObjectNode> deployments(String apiId) throws SQLException {
            return Sql.list(c, "SELECT doc FROM apigw_deployments WHERE api_id = ? ORDER BY deployment_id",
                    rs -> object(rs.getString(1)), apiId);
        }

        public void insertDeployment(String apiId, ObjectNode doc, ArrayNode snapshot) throws SQLException {
            Sql.update(c, "INSERT INTO apigw_deployments (api_id, deployment_id, doc, snapshot) VALUES (?, ?, ?, ?)",
                    apiId, doc.get("id").asText(), doc.toString(), snapshot.toString());
        }

        /** Replaces a deployment's document (its description); the frozen resources never change. */
        public void replaceDeployment(String apiId, ObjectNode doc) throws SQLException {
            Sql.update(c, "UPDATE apigw_deployments SET doc = ? WHERE api_id = ? AND deployment_id = ?", doc.toString(), apiId,
                    doc.get("id").asText());
        }

        public void deleteDeployment(String apiId, String deploymentId) throws SQLException {
            Sql.update(c, "DELETE FROM apigw_deployments WHERE api_id = ? AND deployment_id = ?", apiId, deploymentId);
            Sql.update(c, "DELETE FROM apigw_deployment_items WHERE api_id = ? AND deployment_id = ?", apiId, deploymentId);
        }

        /** The API's items of one kind ({@code model}, {@code requestvalidator}, {@code gatewayresponse}), by key. */
        public List<ObjectNode> items(String apiId, String kind) throws SQLException {
            return Sql.list(c, "SELECT doc FROM apigw_api_items WHERE api_id = ? AND kind = ? ORDER BY item_key",
                    rs -> object(rs.getString(1)), apiId, kind);
        }

        public Optional<ObjectNode> item(String apiId, String kind, String key) throws SQLException {
            return Sql.one(c, "SELECT doc FROM apigw_api_items WHERE api_id = ? AND kind = ? AND item_key = ?",
                    rs -> object(rs.getString(1)), apiId, kind, key);
        }

        public void putItem(String apiId, String kind, String key, ObjectNode doc) throws SQLException {
            if (Sql.update(c, "UPDATE apigw_api_items SET doc = ? WHERE api_id = ? AND kind = ? AND item_key = ?",
                    doc.toString(), apiId, kind, key) == 0) {
                Sql.update(c, "INSERT INTO apigw_api_items (api_id, kind, item_key, doc) VALUES (?, ?, ?, ?)",
                        apiId, kind, key, doc.toString());
            }
        }

        public boolean deleteItem(String apiId, String kind, String key) throws SQLException {
            return Sql.update(c, "DELETE FROM apigw_api_items WHERE api_id = ? AND kind = ? AND item_key = ?", apiId, kind, key) == 1;
        }

        /** Freezes every item of the API into the deployment, as {@code {kind: {key: doc}}}. */
        public void freezeItems(String apiId, String deploymentId) throws SQLException {
            ObjectNode frozen = json.createObjectNode();
            for (ItemRow row : Sql.list(c, "SELECT kind, item_key, doc FROM apigw_api_items WHERE api_id = ? ORDER BY kind, item_key",
                    rs -> new ItemRow(rs.getString(1), rs.getString(2), object(rs.getString(3))), apiId)) {
                (frozen.has(row.kind()) ? (ObjectNode) frozen.get(row.kind()) : frozen.putObject(row.kind())).set(row.key(), row.doc());
            }
            Sql.update(c, "INSERT INTO apigw_deployment_items (api_id, deployment_id, doc) VALUES (?, ?, ?)", apiId, deploymentId,
                    frozen.toString());
        }

        /** What {@link #freezeItems} kept for a deployment; empty for one made before items were frozen. */
        public ObjectNode frozenItems(String apiId, String deploymentId) throws SQLException {
            return Sql.one(c, "SELECT doc FROM apigw_deployment_items WHERE api_id = ? AND deployment_id = ?",
                    rs -> object(rs.getString(1)), apiId, deploymentId).orElseGet(json::createObjectNode);
        }

        public Optional<ObjectNode> stage(String apiId, String stageName) throws SQLException {
            return Sql.one(c, "SELECT doc FROM apigw_stages WHERE api_id = ? AND stage_name = ?", rs -> object(rs.getString(1)),
                    apiId, stageName);
        }

        public List<ObjectNode> stages(String apiId) throws SQLException {
            return Sql.list(c, "SELECT doc FROM apigw_stages WHERE api_id = ? ORDER BY stage_name", rs -> object(rs.getString(1)), apiId);
        }

        public void putStage(String apiId, ObjectNode doc) throws SQLException {
            String name = doc.get("stageName").asText();
            String deployment = doc.path("deploymentId").asText("");
            if (Sql.update(c, "UPDATE apigw_stages SET deployment_id = ?, doc = ? WHERE api_id = ? AND stage_name = ?",
                    deployment, doc.toString(), apiId, name) == 0) {
                Sql.update(c, "INSERT INTO apigw_stages (api_id, stage_name, deployment_id, doc) VALUES (?, ?, ?, ?)",
                        apiId, name, deployment, doc.toString());
            }
        }

        public boolean deleteStage(String apiId, String stageName) throws SQLException {
            return Sql.update(c, "DELETE FROM apigw_stages WHERE api_id = ? AND stage_name = ?", apiId, stageName) == 1;
        }


        public boolean deploymentInUse(String apiId, String deploymentId) throws SQLException {
            return Sql.one(c, "SELECT 1 FROM apigw_stages WHERE api_id = ? AND deployment_id = ?", rs -> 1, apiId, deploymentId).isPresent();
        }
    }

    private ObjectNode object(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable API Gateway document", e);
        }
    }

    private ArrayNode array(String text) {
        try {
            return (ArrayNode) json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable API Gateway snapshot", e);
        }
    }
}
