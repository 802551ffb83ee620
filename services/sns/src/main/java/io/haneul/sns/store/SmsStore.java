package io.haneul.sns.store;

import io.haneul.storage.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
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
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT attributes FROM sns_sms_settings WHERE account = ? AND region = ?")) {
                ps.setString(1, account);
                ps.setString(2, region);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? StoreJson.read(rs.getString(1)) : new java.util.LinkedHashMap<>();
                }
            }
        });
    }

    public void saveAttributes(String account, String region, Map<String, String> attributes) {
        db.write(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM sns_sms_settings WHERE account = ? AND region = ?")) {
                del.setString(1, account);
                del.setString(2, region);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sns_sms_settings (account, region, attributes) VALUES (?, ?, ?)")) {
                ps.setString(1, account);
                ps.setString(2, region);
                ps.setString(3, StoreJson.write(attributes));
                return ps.executeUpdate();
            }
        });
    }

    public boolean optedOut(String account, String region, String phone) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM sns_sms_opted_out WHERE account = ? AND region = ? AND phone = ?")) {
                ps.setString(1, account);
                ps.setString(2, region);
                ps.setString(3, phone);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    public List<String> listOptedOut(String account, String region, String after, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT phone FROM sns_sms_opted_out WHERE account = ? AND region = ? "
                    + "AND phone > ? ORDER BY phone LIMIT ?")) {
                ps.setString(1, account);
                ps.setString(2, region);
                ps.setString(3, after == null ? "" : after);
                ps.setInt(4, limit);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    public void setOptedOut(String account, String region, String phone, boolean optedOut, long now) {
        db.write(c -> {
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM sns_sms_opted_out WHERE account = ? AND region = ? AND phone = ?")) {
                del.setString(1, account);
                del.setString(2, region);
                del.setString(3, phone);
                del.executeUpdate();
            }
            if (optedOut) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO sns_sms_opted_out (account, region, phone, opted_out_at) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, account);
                    ps.setString(2, region);
                    ps.setString(3, phone);
                    ps.setLong(4, now);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    public Optional<SandboxNumber> sandboxNumber(String account, String region, String phone) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM sns_sms_sandbox WHERE account = ? AND region = ? AND phone = ?")) {
                ps.setString(1, account);
                ps.setString(2, region);
                ps.setString(3, phone);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new SandboxNumber(rs.getString("phone"), rs.getString("language"),
                            rs.getString("status"), rs.getString("otp"))) : Optional.empty();
                }
            }
        });
    }

    public List<SandboxNumber> listSandbox(String account, String region, String after, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM sns_sms_sandbox WHERE account = ? AND region = ? "
                    + "AND phone > ? ORDER BY phone LIMIT ?")) {
                ps.setString(1, account);
                ps.setString(2, region);
                ps.setString(3, after == null ? "" : after);
                ps.setInt(4, limit);
                List<SandboxNumber> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SandboxNumber(rs.getString("phone"), rs.getString("language"), rs.getString("status"),
                                rs.getString("otp")));
                    }
                }
                return out;
            }
        });
    }

    public void putSandbox(String account, String region, SandboxNumber n, long now) {
        db.write(c -> {
            deleteSandbox(c, account, region, n.phone());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sns_sms_sandbox (account, region, phone, language, status, "
                    + "otp, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, account);
                ps.setString(2, region);
                ps.setString(3, n.phone());
                ps.setString(4, n.language());
                ps.setString(5, n.status());
                ps.setString(6, n.otp());
                ps.setLong(7, now);
                return ps.executeUpdate();
            }
        });
    }

    public boolean deleteSandbox(String account, String region, String phone) {
        return db.write(c -> deleteSandbox(c, account, region, phone));
    }

    private static boolean deleteSandbox(java.sql.Connection c, String account, String region, String phone) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sns_sms_sandbox WHERE account = ? AND region = ? AND phone = ?")) {
            ps.setString(1, account);
            ps.setString(2, region);
            ps.setString(3, phone);
            return ps.executeUpdate() > 0;
        }
    }
}
