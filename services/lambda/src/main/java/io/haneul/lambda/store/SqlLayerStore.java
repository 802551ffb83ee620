package io.haneul.lambda.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.lambda.domain.LayerVersionRecord;
import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Layer versions in the store (SQLite or PostgreSQL), one JSON document per version. A layer's
 * last version number is kept apart from its versions so that a number is never given twice, even
 * after every version of the layer was deleted (AWS does not reuse them either).
 */
public final class SqlLayerStore {

    private final Database db;
    private final ObjectMapper json;

    public SqlLayerStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
        db.migrate("lambda", LambdaSchema.migrations());
    }

    /** Stores the next version of a layer, built by {@code build} from the number it gets. */
    public LayerVersionRecord publish(String account, String region, String name, LongFunction<LayerVersionRecord> build) {
        return db.write(c -> {
            Optional<Long> last = Sql.one(c, "SELECT last_version FROM lambda_layers WHERE account = ? AND region = ? AND name = ?",
                    rs -> rs.getLong(1), account, region, name);
            long version = last.orElse(0L) + 1;
            if (last.isPresent()) {
                Sql.update(c, "UPDATE lambda_layers SET last_version = ? WHERE account = ? AND region = ? AND name = ?",
                        version, account, region, name);
            } else {
                Sql.update(c, "INSERT INTO lambda_layers (account, region, name, last_version) VALUES (?, ?, ?, ?)",
                        account, region, name, version);
            }
            LayerVersionRecord record = build.apply(version);
            Sql.update(c, "INSERT INTO lambda_layer_versions (account, region, name, version, deleted, doc) VALUES (?, ?, ?, ?, 0, ?)",
                    account, region, name, version, write(record));
            return record;
        });
    }

    /** A version that was not deleted. */
    public Optional<LayerVersionRecord> get(String account, String region, String name, long version) {
        return db.read(c -> Sql.one(c, "SELECT doc FROM lambda_layer_versions WHERE account = ? AND region = ? AND name = ? AND version = ? "
                + "AND deleted = 0", rs -> read(rs.getString(1)), account, region, name, version));
    }

    /** A version, deleted or not: functions that reference a deleted version still run with it. */
    public Optional<LayerVersionRecord> getEvenDeleted(String account, String region, String name, long version) {
        return db.read(c -> Sql.one(c, "SELECT doc FROM lambda_layer_versions WHERE account = ? AND region = ? AND name = ? AND version = ?",
                rs -> read(rs.getString(1)), account, region, name, version));
    }

    /** Every version of one layer, newest first. */
    public List<LayerVersionRecord> versions(String account, String region, String name) {
        return db.read(c -> Sql.list(c, "SELECT doc FROM lambda_layer_versions WHERE account = ? AND region = ? AND name = ? "
                + "AND deleted = 0 ORDER BY version DESC", rs -> read(rs.getString(1)), account, region, name));
    }

    /** Every version of every layer of an account in a region, by name, newest version first within a name. */
    public List<LayerVersionRecord> all(String account, String region) {
        return db.read(c -> Sql.list(c, "SELECT doc FROM lambda_layer_versions WHERE account = ? AND region = ? "
                + "AND deleted = 0 ORDER BY name, version DESC", rs -> read(rs.getString(1)), account, region));
    }

    /** Replaces a version's document (its permissions changed); false when the version is gone. */
    public boolean replace(LayerVersionRecord record) {
        return db.write(c -> Sql.update(c, "UPDATE lambda_layer_versions SET doc = ? WHERE account = ? AND region = ? AND name = ? AND version = ? AND deleted = 0",
                write(record), record.account(), record.region(), record.name(), record.version()) == 1);
    }

    /** Marks a version deleted: it is no longer listed or readable, but functions using it keep its content. */
    public boolean delete(String account, String region, String name, long version) {
        return db.write(c -> Sql.update(c, "UPDATE lambda_layer_versions SET deleted = 1 WHERE account = ? AND region = ? AND name = ? "
                + "AND version = ? AND deleted = 0", account, region, name, version) == 1);
    }

    private String write(LayerVersionRecord record) {
        try {
            return json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private LayerVersionRecord read(String doc) {
        try {
            return json.readValue(doc, LayerVersionRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable layer version record", e);
        }
    }
}
