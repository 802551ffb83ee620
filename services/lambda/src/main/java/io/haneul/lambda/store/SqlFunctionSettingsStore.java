package io.haneul.lambda.store;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.util.List;
import java.util.Optional;

/**
 * Small per-function settings as name/value rows (the code signing config a function uses, its
 * recursion and runtime management configs), kept beside the function's own document so that those
 * operations need no change to its shape; forgotten with the function.
 */
public final class SqlFunctionSettingsStore {

    private final Database db;

    public SqlFunctionSettingsStore(Database db) {
        this.db = db;
        db.migrate("lambda", LambdaSchema.migrations());
    }

    public Optional<String> get(String account, String region, String function, String setting) {
        return db.read(c -> Sql.one(c, "SELECT value FROM lambda_function_settings "
                        + "WHERE account = ? AND region = ? AND function_name = ? AND setting = ?",
                rs -> rs.getString(1), account, region, function, setting));
    }

    public void put(String account, String region, String function, String setting, String value) {
        db.write(c -> {
            if (Sql.update(c, "UPDATE lambda_function_settings SET value = ? "
                    + "WHERE account = ? AND region = ? AND function_name = ? AND setting = ?", value, account, region, function, setting) == 0) {
                Sql.update(c, "INSERT INTO lambda_function_settings (account, region, function_name, setting, value) VALUES (?, ?, ?, ?, ?)",
                        account, region, function, setting, value);
            }
            return null;
        });
    }

    public void delete(String account, String region, String function, String setting) {
        db.write(c -> Sql.update(c, "DELETE FROM lambda_function_settings WHERE account = ? AND region = ? AND function_name = ? AND setting = ?",
                account, region, function, setting));
    }

    /** Forgets every setting of a deleted function. */
    public void deleteAll(String account, String region, String function) {
        db.write(c -> Sql.update(c, "DELETE FROM lambda_function_settings WHERE account = ? AND region = ? AND function_name = ?",
                account, region, function));
    }

    /** The functions whose {@code setting} is {@code value}, by name after {@code afterName}, at most {@code limit}. */
    public List<String> functionsWith(String account, String region, String setting, String value, String afterName, int limit) {
        return db.read(c -> Sql.list(c, "SELECT function_name FROM lambda_function_settings WHERE account = ? AND region = ? "
                        + "AND setting = ? AND value = ? AND function_name > ? ORDER BY function_name LIMIT " + limit,
                rs -> rs.getString(1), account, region, setting, value, afterName == null ? "" : afterName));
    }
}
