package io.haneul.lambda.store;

import io.haneul.lambda.domain.FunctionPolicy;
import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Functions' resource policies in the store (SQLite or PostgreSQL): one row per function and
 * qualifier ({@code ""} for the unqualified function), its statements as one JSON array and the
 * policy's revision. A change is read, decided and written in one transaction, so two
 * AddPermission calls with one statement id cannot both succeed.
 */
public final class SqlPolicyStore {

    private final Database db;

    public SqlPolicyStore(Database db) {
        this.db = db;
        db.migrate("lambda", LambdaSchema.migrations());
    }

    public Optional<FunctionPolicy> get(String account, String region, String function, String qualifier) {
        return db.read(c -> Sql.one(c, "SELECT statements, revision_id FROM lambda_policies "
                        + "WHERE account = ? AND region = ? AND function_name = ? AND qualifier = ?",
                rs -> new FunctionPolicy(rs.getString(1), rs.getString(2)), account, region, function, qualifier));
    }

    /**
     * Replaces a policy by what {@code change} makes of it (given null when there is none); a null
     * result deletes it. The change runs inside the transaction and may throw to refuse.
     */
    public FunctionPolicy change(String account, String region, String function, String qualifier,
                                 UnaryOperator<FunctionPolicy> change) {
        return db.write(c -> {
            Optional<FunctionPolicy> old = Sql.one(c, "SELECT statements, revision_id FROM lambda_policies "
                            + "WHERE account = ? AND region = ? AND function_name = ? AND qualifier = ?",
                    rs -> new FunctionPolicy(rs.getString(1), rs.getString(2)), account, region, function, qualifier);
            FunctionPolicy updated = change.apply(old.orElse(null));
            if (updated == null) {
                Sql.update(c, "DELETE FROM lambda_policies WHERE account = ? AND region = ? AND function_name = ? AND qualifier = ?",
                        account, region, function, qualifier);
            } else if (old.isPresent()) {
                Sql.update(c, "UPDATE lambda_policies SET statements = ?, revision_id = ? "
                                + "WHERE account = ? AND region = ? AND function_name = ? AND qualifier = ?",
                        updated.statements(), updated.revisionId(), account, region, function, qualifier);
            } else {
                Sql.update(c, "INSERT INTO lambda_policies (account, region, function_name, qualifier, revision_id, statements) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", account, region, function, qualifier, updated.revisionId(), updated.statements());
            }
            return updated;
        });
    }

    /** Forgets every policy of a function (it was deleted). */
    public void deleteAll(String account, String region, String function) {
        db.write(c -> Sql.update(c, "DELETE FROM lambda_policies WHERE account = ? AND region = ? AND function_name = ?",
                account, region, function));
    }
}
