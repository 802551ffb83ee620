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
 * Custom domain names and their base path mappings, as JSON documents in AWS's wire names (see
 * {@link ApiGatewaySchema}). A domain name is unique across accounts, as on AWS, so that an invoke
 * request's Host finds it.
 */
public final class SqlDomainNameStore {

    /** Where a domain name lives, and its document. */
    public record DomainRow(String account, String region, ObjectNode doc) {
    }

    private final Database db;
    private final ObjectMapper json;

    public SqlDomainNameStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
        db.migrate("apigateway", ApiGatewaySchema.migrations());
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

        public Optional<DomainRow> domain(String name) throws SQLException {
            return Sql.one(c, "SELECT account, region, doc FROM apigw_domain_names WHERE domain_name = ?",
                    rs -> new DomainRow(rs.getString(1), rs.getString(2), object(rs.getString(3))), name);
        }

        public List<ObjectNode> domains(String account, String region) throws SQLException {
            return Sql.list(c, "SELECT doc FROM apigw_domain_names WHERE account = ? AND region = ? ORDER BY domain_name",
                    rs -> object(rs.getString(1)), account, region);
        }

        public List<String> allDomainNames() throws SQLException {
            return Sql.list(c, "SELECT domain_name FROM apigw_domain_names", rs -> rs.getString(1));
        }

        public void insertDomain(String account, String region, ObjectNode doc) throws SQLException {
            Sql.update(c, "INSERT INTO apigw_domain_names (domain_name, account, region, doc) VALUES (?, ?, ?, ?)",
                    doc.get("domainName").asText(), account, region, doc.toString());
        }

        public void replaceDomain(ObjectNode doc) throws SQLException {
            Sql.update(c, "UPDATE apigw_domain_names SET doc = ? WHERE domain_name = ?", doc.toString(), doc.get("domainName").asText());
        }

        public void deleteDomain(String name) throws SQLException {
            Sql.update(c, "DELETE FROM apigw_base_path_mappings WHERE domain_name = ?", name);
            Sql.update(c, "DELETE FROM apigw_domain_names WHERE domain_name = ?", name);
        }

        public Optional<ObjectNode> mapping(String domain, String basePath) throws SQLException {
            return Sql.one(c, "SELECT doc FROM apigw_base_path_mappings WHERE domain_name = ? AND base_path = ?",
                    rs -> object(rs.getString(1)), domain, basePath);
        }

        public List<ObjectNode> mappings(String domain) throws SQLException {
            return Sql.list(c, "SELECT doc FROM apigw_base_path_mappings WHERE domain_name = ? ORDER BY base_path",
                    rs -> object(rs.getString(1)), domain);
        }

        public void putMapping(String domain, String oldBasePath, ObjectNode doc) throws SQLException {
            if (oldBasePath != null) {
                deleteMapping(domain, oldBasePath);
            }
            Sql.update(c, "INSERT INTO apigw_base_path_mappings (domain_name, base_path, doc) VALUES (?, ?, ?)",
                    domain, doc.get("basePath").asText(), doc.toString());
        }

        public boolean deleteMapping(String domain, String basePath) throws SQLException {
            return Sql.update(c, "DELETE FROM apigw_base_path_mappings WHERE domain_name = ? AND base_path = ?", domain, basePath) == 1;
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
