package io.haneul.lambda.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Published versions in the store: one JSON document per version (a {@link FunctionRecord} whose
 * {@code version} is its number), and per function the last number given and the {@code $LATEST}
 * revision it was published from. The counter outlives the versions it numbered, so a number is
 * never reused after a version is deleted; it goes with the function.
 */
public final class SqlVersionStore {

    private final Database db;
    private final ObjectMapper json;

    public SqlVersionStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
        db.migrate("lambda", LambdaSchema.migrations());
    }

    /** What PublishVersion did: the version and whether it is new (false: nothing changed since the last one). */
    public record Published(FunctionRecord version, boolean created) {
    }

    /**
     * Publishes {@code latest} as the next version, made by {@code versionOf} from its number; when
     * {@code latest}'s revision is the one the last version was published from and that version still
     * exists, answers that version instead, as AWS does.
     */
    public Published publish(FunctionRecord latest, IntFunction<FunctionRecord> versionOf) {
        return db.write(c -> {
            Optional<long[]> counter = Sql.one(c, "SELECT last_version, CASE WHEN published_from = ? THEN 1 ELSE 0 END "
                            + "FROM lambda_version_counters WHERE account = ? AND region = ? AND name = ?",
                    rs -> new long[]{rs.getLong(1), rs.getLong(2)}, latest.revisionId(), latest.account(), latest.region(), latest.name());
            if (counter.isPresent() && counter.get()[1] == 1) {
                Optional<FunctionRecord> last = Sql.one(c, "SELECT doc FROM lambda_versions WHERE account = ? AND region = ? AND name = ? AND version = ?",
                        rs -> read(rs.getString(1)), latest.account(), latest.region(), latest.name(), counter.get()[0]);
                if (last.isPresent()) {
                    return new Published(last.get(), false);
                }
            }
            long next = counter.map(n -> n[0] + 1).orElse(1L);
            FunctionRecord version = versionOf.apply((int) next);
            Sql.update(c, "INSERT INTO lambda_versions (account, region, name, version, doc) VALUES (?, ?, ?, ?, ?)",
                    latest.account(), latest.region(), latest.name(), next, write(version));
            if (counter.isPresent()) {
                Sql.update(c, "UPDATE lambda_version_counters SET last_version = ?, published_from = ? WHERE account = ? AND region = ? AND name = ?",
                        next, latest.revisionId(), latest.account(), latest.region(), latest.name());
            } else {
                Sql.update(c, "INSERT INTO lambda_version_counters (account, region, name, last_version, published_from) VALUES (?, ?, ?, ?, ?)",
                        latest.account(), latest.region(), latest.name(), next, latest.revisionId());
            }
            return new Published(version, true);
        });
    }

    public Optional<FunctionRecord> get(String account, String region, String name, long version) {
        return db.read(c -> Sql.one(c, "SELECT doc FROM lambda_versions WHERE account = ? AND region = ? AND name = ? AND version = ?",
                rs -> read(rs.getString(1)), account, region, name, version));
    }

    /** Up to {@code limit} versions numbered above {@code after}, in order. */
    public List<FunctionRecord> list(String account, String region, String name, long after, int limit) {
        return db.read(c -> Sql.list(c, "SELECT doc FROM lambda_versions WHERE account = ? AND region = ? AND name = ? AND version > ? "
                + "ORDER BY version LIMIT ?", rs -> read(rs.getString(1)), account, region, name, after, limit));
    }

    public boolean delete(String account, String region, String name, long version) {
        return db.write(c -> Sql.update(c, "DELETE FROM lambda_versions WHERE account = ? AND region = ? AND name = ? AND version = ?",
                account, region, name, version) == 1);
    }

    /** Forgets a deleted function's versions and its counter (a function created again starts at 1, as on AWS). */
    public void deleteAll(String account, String region, String name) {
        db.write(c -> {
            Sql.update(c, "DELETE FROM lambda_versions WHERE account = ? AND region = ? AND name = ?", account, region, name);
            Sql.update(c, "DELETE FROM lambda_version_counters WHERE account = ? AND region = ? AND name = ?", account, region, name);
            return null;
        });
    }

    private String write(FunctionRecord fn) {
        try {
            return json.writeValueAsString(fn);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private FunctionRecord read(String doc) {
        try {
            return json.readValue(doc, FunctionRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable function version", e);
        }
    }
}
