package io.haneul.swf.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Domains and types in the store (the registries); also creates the SWF schema. Every poll and
 * decision looks a domain or type up, and they rarely change, so on SQLite (this process the only
 * writer) lookups are answered from memory and any change here empties that memory; on PostgreSQL
 * another node may change them, so every lookup reads the database.
 */
public final class SqlDomainStore {

    private final Database db;
    private final ObjectMapper json;
    /** Null on PostgreSQL. */
    private final RegistryCache cache;

    public SqlDomainStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
        this.cache = db.dialect() == io.haneul.storage.Dialect.POSTGRES ? null : new RegistryCache();
        db.migrate("swf", SwfSchema.migrations());
    }

    /** A write to the registries; the cache forgets everything once it committed. */
    private <T> T change(io.haneul.storage.SqlFunction<java.sql.Connection, T> work) {
        try {
            return db.write(work);
        } finally {
            if (cache != null) {
                cache.changed();
            }
        }
    }

    /** False when the domain exists already. */
    public boolean insertDomain(DomainRecord d) {
        return change(c -> {
            if (Sql.one(c, "SELECT 1 FROM swf_domains WHERE account = ? AND region = ? AND name = ?", rs -> 1,
                    d.account(), d.region(), d.name()).isPresent()) {
                return false;
            }
            Sql.update(c, "INSERT INTO swf_domains (account, region, name, status, description, retention, tags, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", d.account(), d.region(), d.name(), d.status(), d.description(),
                    d.retention(), write(d.tags()), d.createdAt());
            return true;
        });
    }

    public Optional<DomainRecord> domain(String account, String region, String name) {
        if (cache == null) {
            return readDomain(account, region, name);
        }
        return cache.get(List.of("D", account, region, name), () -> readDomain(account, region, name));
    }

    private Optional<DomainRecord> readDomain(String account, String region, String name) {
        return db.read(c -> Sql.one(c, "SELECT * FROM swf_domains WHERE account = ? AND region = ? AND name = ?",
                this::domain, account, region, name));
    }

    public List<DomainRecord> domains(String account, String region, String status) {
        return db.read(c -> Sql.list(c, "SELECT * FROM swf_domains WHERE account = ? AND region = ? AND status = ? ORDER BY name",
                this::domain, account, region, status));
    }

    public void updateDomain(String account, String region, String name, String status, Map<String, String> tags) {
        change(c -> Sql.update(c, "UPDATE swf_domains SET status = ?, tags = ? WHERE account = ? AND region = ? AND name = ?",
                status, write(tags), account, region, name));
    }

    /** False when the type exists already. */
    public boolean insertType(String account, String region, TypeRecord t) {
        return change(c -> {
            if (Sql.one(c, "SELECT 1 FROM swf_types WHERE account = ? AND region = ? AND domain = ? AND kind = ? AND name = ? AND version = ?",
                    rs -> 1, account, region, t.domain(), t.kind().name(), t.name(), t.version()).isPresent()) {
                return false;
            }
            Sql.update(c, "INSERT INTO swf_types (account, region, domain, kind, name, version, status, description, configuration,"
                            + " created_at, deprecated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", account, region, t.domain(),
                    t.kind().name(), t.name(), t.version(), t.status(), t.description(), t.configuration(), t.createdAt(),
                    t.deprecatedAt());
            return true;
        });
    }

    public Optional<TypeRecord> type(String account, String region, String domain, TypeKind kind, String name, String version) {
        if (cache == null) {
            return readType(account, region, domain, kind, name, version);
        }
        return cache.get(java.util.Arrays.asList("T", account, region, domain, kind.name(), name, version),
                () -> readType(account, region, domain, kind, name, version));
    }

    private Optional<TypeRecord> readType(String account, String region, String domain, TypeKind kind, String name, String version) {
        return db.read(c -> Sql.one(c, "SELECT * FROM swf_types WHERE account = ? AND region = ? AND domain = ? AND kind = ?"
                + " AND name = ? AND version = ?", SqlDomainStore::type, account, region, domain, kind.name(), name, version));
    }

    /** The domain's types of a kind and status, ordered by name then version. */
    public List<TypeRecord> types(String account, String region, String domain, TypeKind kind, String status) {
        return db.read(c -> Sql.list(c, "SELECT * FROM swf_types WHERE account = ? AND region = ? AND domain = ? AND kind = ?"
                + " AND status = ? ORDER BY name, version", SqlDomainStore::type, account, region, domain, kind.name(), status));
    }

    public void updateTypeStatus(String account, String region, TypeRecord t, String status, Long deprecatedAt) {
        change(c -> Sql.update(c, "UPDATE swf_types SET status = ?, deprecated_at = ? WHERE account = ? AND region = ?"
                        + " AND domain = ? AND kind = ? AND name = ? AND version = ?", status, deprecatedAt, account, region,
                t.domain(), t.kind().name(), t.name(), t.version()));
    }

    public void deleteType(String account, String region, TypeRecord t) {
        change(c -> Sql.update(c, "DELETE FROM swf_types WHERE account = ? AND region = ? AND domain = ? AND kind = ?"
                + " AND name = ? AND version = ?", account, region, t.domain(), t.kind().name(), t.name(), t.version()));
    }

    public int countTypes(String account, String region, String domain) {
        return db.read(c -> Sql.one(c, "SELECT COUNT(*) FROM swf_types WHERE account = ? AND region = ? AND domain = ?",
                rs -> rs.getInt(1), account, region, domain).orElse(0));
    }

    private DomainRecord domain(ResultSet rs) throws SQLException {
        return new DomainRecord(rs.getString("account"), rs.getString("region"), rs.getString("name"), rs.getString("status"),
                rs.getString("description"), rs.getString("retention"), read(rs.getString("tags")), rs.getLong("created_at"));
    }

    private static TypeRecord type(ResultSet rs) throws SQLException {
        long deprecated = rs.getLong("deprecated_at");
        Long deprecatedAt = rs.wasNull() ? null : deprecated;
        return new TypeRecord(rs.getString("domain"), TypeKind.valueOf(rs.getString("kind")), rs.getString("name"),
                rs.getString("version"), rs.getString("status"), rs.getString("description"), rs.getString("configuration"),
                rs.getLong("created_at"), deprecatedAt);
    }

    private String write(Map<String, String> tags) {
        try {
            return json.writeValueAsString(tags);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> read(String text) {
        try {
            return json.readValue(text, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
