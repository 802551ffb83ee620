package io.haneul.sns.store;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Per-account SMS settings, opted-out numbers and the SMS sandbox's numbers. */
public final class SmsStore {

    /** A sandbox destination number and its verification state. */
    public record SandboxNumber(String phone, String language, String status, String otp) {
    }

    private final Database db;

    public SmsStore(Database db) {
        this.db = db;
        db.migrate("sns", SnsSchema.migrations());
    }

    public Map<String, String> attributes(String account, String region) {
        return db.read(c -> Sql.one(c, "SELECT attributes FROM sns_sms_settings WHERE account = ? AND region = ?",
                rs -> StoreJson.read(rs.getString(1)), account, region).orElseGet(java.util.LinkedHashMap::new));
    }

    public void saveAttributes(String account, String region, Map<String, String> attributes) {
        db.write(c -> {
            Sql.update(c, "DELETE FROM sns_sms_settings WHERE account = ? AND region = ?", account, region);
            return Sql.update(c, "INSERT INTO sns_sms_settings (account, region, attributes) VALUES (?, ?, ?)", account, region,
                    StoreJson.write(attributes));
        });
    }

    public boolean optedOut(String account, String region, String phone) {
        return db.read(c -> Sql.one(c, "SELECT 1 FROM sns_sms_opted_out WHERE account = ? AND region = ? AND phone = ?", rs -> true,
                account, region, phone).isPresent());
    }

    public List<String> listOptedOut(String account, String region, String after, int limit) {
        return db.read(c -> Sql.list(c, "SELECT phone FROM sns_sms_opted_out WHERE account = ? AND region = ? "
                + "AND phone > ? ORDER BY phone LIMIT ?", rs -> rs.getString(1), account, region, after == null ? "" : after, limit));
    }

    public void setOptedOut(String account, String region, String phone, boolean optedOut, long now) {
        db.write(c -> {
            Sql.update(c, "DELETE FROM sns_sms_opted_out WHERE account = ? AND region = ? AND phone = ?", account, region, phone);
            if (optedOut) {
                Sql.update(c, "INSERT INTO sns_sms_opted_out (account, region, phone, opted_out_at) VALUES (?, ?, ?, ?)",
                        account, region, phone, now);
            }
            return null;
        });
    }

    public Optional<SandboxNumber> sandboxNumber(String account, String region, String phone) {
        return db.read(c -> Sql.one(c, "SELECT * FROM sns_sms_sandbox WHERE account = ? AND region = ? AND phone = ?",
                SmsStore::sandbox, account, region, phone));
    }

    public List<SandboxNumber> listSandbox(String account, String region, String after, int limit) {
        return db.read(c -> Sql.list(c, "SELECT * FROM sns_sms_sandbox WHERE account = ? AND region = ? "
                + "AND phone > ? ORDER BY phone LIMIT ?", SmsStore::sandbox, account, region, after == null ? "" : after, limit));
    }

    private static SandboxNumber sandbox(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new SandboxNumber(rs.getString("phone"), rs.getString("language"), rs.getString("status"), rs.getString("otp"));
    }

    public void putSandbox(String account, String region, SandboxNumber n, long now) {
        db.write(c -> {
            deleteSandbox(c, account, region, n.phone());
            return Sql.update(c, "INSERT INTO sns_sms_sandbox (account, region, phone, language, status, "
                    + "otp, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", account, region, n.phone(), n.language(), n.status(), n.otp(), now);
        });
    }

    public boolean deleteSandbox(String account, String region, String phone) {
        return db.write(c -> deleteSandbox(c, account, region, phone));
    }

    private static boolean deleteSandbox(java.sql.Connection c, String account, String region, String phone) throws java.sql.SQLException {
        return Sql.update(c, "DELETE FROM sns_sms_sandbox WHERE account = ? AND region = ? AND phone = ?", account, region, phone) > 0;
    }
}
