package io.haneul.cloudsearch.store;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Domains and their options (see {@link CloudSearchSchema}). Changes that read first (a new
 * version number, the options a deployment moves) run in one transaction through {@link #update}.
 */
public final class SqlDomainStore {

    private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();

    private static final String OPTION_COLUMNS =
            "kind, name, doc, deployed, created_at, updated_at, version, state, active_at, pending_deletion";
    private static final String DOMAIN_COLUMNS = "account, region, name, endpoint_id, created_at, ready_at, version";

    private final Database db;

    public SqlDomainStore(Database db) {
        this.db = db;
        db.migrate("cloudsearch", CloudSearchSchema.migrations());
    }

    /** Work done in one transaction with the store's statements. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    public <T> T update(Work<T> work) {
        try {
            return db.write(c -> work.run(new Tx(c)));
        } finally {
            writes.incrementAndGet();
        }
    }

    /**
     * How many updates this node has made (counted after each commits): what a reader caches under
     * the count it saw before reading is current while the count has not moved. Another node's
     * writes are not counted, so only a single node may cache this way.
     */
    public long writeCount() {
        return writes.get();
    }

    public <T> T read(Work<T> work) {
        return db.read(c -> work.run(new Tx(c)));
    }

    /** The statements, bound to one connection. */
    public static final class Tx {
        private final Connection c;

        Tx(Connection c) {
            this.c = c;
        }

        public Optional<DomainRow> domain(String account, String region, String name) throws SQLException {
            return Sql.one(c, "SELECT " + DOMAIN_COLUMNS + " FROM cloudsearch_domains WHERE account = ? AND region = ? AND name = ?",
                    Tx::domainRow, account, region, name);
        }

        public Optional<DomainRow> domainByEndpoint(String endpointId) throws SQLException {
            return Sql.one(c, "SELECT " + DOMAIN_COLUMNS + " FROM cloudsearch_domains WHERE endpoint_id = ?", Tx::domainRow, endpointId);
        }

        public List<DomainRow> domains(String account, String region) throws SQLException {
            return Sql.list(c, "SELECT " + DOMAIN_COLUMNS + " FROM cloudsearch_domains WHERE account = ? AND region = ? ORDER BY name",
                    Tx::domainRow, account, region);
        }

        public void insertDomain(DomainRow d) throws SQLException {
            Sql.update(c, "INSERT INTO cloudsearch_domains (" + DOMAIN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                    d.account(), d.region(), d.name(), d.endpointId(), d.createdAt(), d.readyAt(), d.version());
        }

        public void deleteDomain(String account, String region, String name) throws SQLException {
            Sql.update(c, "DELETE FROM cloudsearch_options WHERE account = ? AND region = ? AND domain = ?", account, region, name);
            Sql.update(c, "DELETE FROM cloudsearch_domains WHERE account = ? AND region = ? AND name = ?", account, region, name);
        }

        /** Raises the domain's configuration version and returns the new one. */
        public long nextVersion(String account, String region, String name) throws SQLException {
            Sql.update(c, "UPDATE cloudsearch_domains SET version = version + 1 WHERE account = ? AND region = ? AND name = ?",
                    account, region, name);
            return Sql.one(c, "SELECT version FROM cloudsearch_domains WHERE account = ? AND region = ? AND name = ?",
                    rs -> rs.getLong(1), account, region, name).orElseThrow();
        }

        public List<OptionRow> options(String account, String region, String domain) throws SQLException {
            return Sql.list(c, "SELECT " + OPTION_COLUMNS + " FROM cloudsearch_options WHERE account = ? AND region = ? AND domain = ?"
                    + " ORDER BY kind, name", Tx::optionRow, account, region, domain);
        }

        public List<OptionRow> options(String account, String region, String domain, String kind) throws SQLException {
            return Sql.list(c, "SELECT " + OPTION_COLUMNS + " FROM cloudsearch_options WHERE account = ? AND region = ? AND domain = ?"
                    + " AND kind = ? ORDER BY name", Tx::optionRow, account, region, domain, kind);
        }

        public Optional<OptionRow> option(String account, String region, String domain, String kind, String name) throws SQLException {
            return Sql.one(c, "SELECT " + OPTION_COLUMNS + " FROM cloudsearch_options WHERE account = ? AND region = ? AND domain = ?"
                    + " AND kind = ? AND name = ?", Tx::optionRow, account, region, domain, kind, name);
        }

        public void putOption(String account, String region, String domain, OptionRow o) throws SQLException {
            deleteOption(account, region, domain, o.kind(), o.name());
            Sql.update(c, "INSERT INTO cloudsearch_options (account, region, domain, " + OPTION_COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    account, region, domain, o.kind(), o.name(), o.doc(), o.deployed(), o.createdAt(), o.updatedAt(), o.version(),
                    o.state(), o.activeAt(), o.pendingDeletion() ? 1 : 0);
        }

        public void deleteOption(String account, String region, String domain, String kind, String name) throws SQLException {
            Sql.update(c, "DELETE FROM cloudsearch_options WHERE account = ? AND region = ? AND domain = ? AND kind = ? AND name = ?",
                    account, region, domain, kind, name);
        }

        private static DomainRow domainRow(ResultSet rs) throws SQLException {
            return new DomainRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6),
                    rs.getLong(7));
        }

        private static OptionRow optionRow(ResultSet rs) throws SQLException {
            return new OptionRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6),
                    rs.getLong(7), rs.getString(8), rs.getLong(9), rs.getInt(10) != 0);
        }
    }
}
