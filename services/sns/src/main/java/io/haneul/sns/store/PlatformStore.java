package io.haneul.sns.store;

import io.haneul.storage.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Platform applications and their endpoints (mobile push targets). */
public final class PlatformStore {

    /** A platform application; attributes include the credentials given at creation. */
    public record App(String arn, String account, String region, String name, String platform, Map<String, String> attributes,
                      long createdAt) {
    }

    /** A platform endpoint; attributes hold Token, Enabled and CustomUserData. */
    public record Endpoint(String arn, String appArn, String token, Map<String, String> attributes, long createdAt) {
        public boolean enabled() {
            return !"false".equalsIgnoreCase(attributes.get("Enabled"));
        }
    }

    private final Database db;

    public PlatformStore(Database db) {
        this.db = db;
        db.migrate("sns", SnsSchema.migrations());
    }

    public App createApp(App app) {
        return db.write(c -> {
            Optional<App> existing = findApp(c, app.arn());
            if (existing.isPresent()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE sns_platform_apps SET attributes = ? WHERE arn = ?")) {
                    ps.setString(1, StoreJson.write(app.attributes()));
                    ps.setString(2, app.arn());
                    ps.executeUpdate();
                }
                return app;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sns_platform_apps (arn, account, region, name, platform, "
                    + "attributes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, app.arn());
                ps.setString(2, app.account());
                ps.setString(3, app.region());
                ps.setString(4, app.name());
                ps.setString(5, app.platform());
                ps.setString(6, StoreJson.write(app.attributes()));
                ps.setLong(7, app.createdAt());
                ps.executeUpdate();
            }
            return app;
        });
    }

    public Optional<App> findApp(String arn) {
        return db.read(c -> findApp(c, arn));
    }

    private Optional<App> findApp(Connection c, String arn) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM sns_platform_apps WHERE arn = ?")) {
            ps.setString(1, arn);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(app(rs)) : Optional.empty();
            }
        }
    }

    public List<App> listApps(String account, String region, String after, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM sns_platform_apps WHERE account = ? AND region = ? AND arn > ? ORDER BY arn LIMIT ?")) {
                ps.setString(1, account);
                ps.setString(2, region);
                ps.setString(3, after == null ? "" : after);
                ps.setInt(4, limit);
                List<App> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(app(rs));
                    }
                }
                return out;
            }
        });
    }

    public void updateAppAttributes(String arn, Map<String, String> attributes) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sns_platform_apps SET attributes = ? WHERE arn = ?")) {
                ps.setString(1, StoreJson.write(attributes));
                ps.setString(2, arn);
                return ps.executeUpdate();
            }
        });
    }

    public void deleteApp(String arn) {
        db.write(c -> {
            for (String sql : List.of("DELETE FROM sns_endpoints WHERE app_arn = ?", "DELETE FROM sns_platform_apps WHERE arn = ?")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, arn);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private static App app(ResultSet rs) throws SQLException {
        return new App(rs.getString("arn"), rs.getString("account"), rs.getString("region"), rs.getString("name"),
                rs.getString("platform"), StoreJson.read(rs.getString("attributes")), rs.getLong("created_at"));
    }

    // ---- endpoints ----

    /** Inserts the endpoint unless one with the same token exists for the app; returns the stored one. */
    public Endpoint createEndpoint(Endpoint e) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM sns_endpoints WHERE app_arn = ? AND token = ?")) {
                ps.setString(1, e.appArn());
                ps.setString(2, e.token());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return endpoint(rs);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sns_endpoints (arn, app_arn, token, attributes, created_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, e.arn());
                ps.setString(2, e.appArn());
                ps.setString(3, e.token());
                ps.setString(4, StoreJson.write(e.attributes()));
                ps.setLong(5, e.createdAt());
                ps.executeUpdate();
            }
            return e;
        });
    }

    public Optional<Endpoint> findEndpoint(String arn) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM sns_endpoints WHERE arn = ?")) {
                ps.setString(1, arn);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(endpoint(rs)) : Optional.empty();
                }
            }
        });
    }

    public List<Endpoint> listEndpoints(String appArn, String after, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM sns_endpoints WHERE app_arn = ? AND arn > ? ORDER BY arn LIMIT ?")) {
                ps.setString(1, appArn);
                ps.setString(2, after == null ? "" : after);
                ps.setInt(3, limit);
                List<Endpoint> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(endpoint(rs));
                    }
                }
                return out;
            }
        });
    }

    public void updateEndpoint(String arn, String token, Map<String, String> attributes) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sns_endpoints SET token = ?, attributes = ? WHERE arn = ?")) {
                ps.setString(1, token);
                ps.setString(2, StoreJson.write(attributes));
                ps.setString(3, arn);
                return ps.executeUpdate();
            }
        });
    }

    public void deleteEndpoint(String arn) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sns_endpoints WHERE arn = ?")) {
                ps.setString(1, arn);
                return ps.executeUpdate();
            }
        });
    }

    private static Endpoint endpoint(ResultSet rs) throws SQLException {
        return new Endpoint(rs.getString("arn"), rs.getString("app_arn"), rs.getString("token"),
                StoreJson.read(rs.getString("attributes")), rs.getLong("created_at"));
    }
}
