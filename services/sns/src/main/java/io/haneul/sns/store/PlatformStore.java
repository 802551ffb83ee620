package io.haneul.sns.store;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
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
                Sql.update(c, "UPDATE sns_platform_apps SET attributes = ? WHERE arn = ?", StoreJson.write(app.attributes()), app.arn());
                return app;
            }
            Sql.update(c, "INSERT INTO sns_platform_apps (arn, account, region, name, platform, "
                    + "attributes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", app.arn(), app.account(), app.region(), app.name(),
                    app.platform(), StoreJson.write(app.attributes()), app.createdAt());
            return app;
        });
    }

    public Optional<App> findApp(String arn) {
        return db.read(c -> findApp(c, arn));
    }

    private Optional<App> findApp(Connection c, String arn) throws SQLException {
        return Sql.one(c, "SELECT * FROM sns_platform_apps WHERE arn = ?", PlatformStore::app, arn);
    }

    public List<App> listApps(String account, String region, String after, int limit) {
        return db.read(c -> Sql.list(c, "SELECT * FROM sns_platform_apps WHERE account = ? AND region = ? AND arn > ? ORDER BY arn LIMIT ?",
                PlatformStore::app, account, region, after == null ? "" : after, limit));
    }

    public void updateAppAttributes(String arn, Map<String, String> attributes) {
        db.write(c -> Sql.update(c, "UPDATE sns_platform_apps SET attributes = ? WHERE arn = ?", StoreJson.write(attributes), arn));
    }

    public void deleteApp(String arn) {
        db.write(c -> {
            for (String sql : List.of("DELETE FROM sns_endpoints WHERE app_arn = ?", "DELETE FROM sns_platform_apps WHERE arn = ?")) {
                Sql.update(c, sql, arn);
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
            Optional<Endpoint> existing = Sql.one(c, "SELECT * FROM sns_endpoints WHERE app_arn = ? AND token = ?", PlatformStore::endpoint,
                    e.appArn(), e.token());
            if (existing.isPresent()) {
                return existing.get();
            }
            Sql.update(c, "INSERT INTO sns_endpoints (arn, app_arn, token, attributes, created_at) VALUES (?, ?, ?, ?, ?)",
                    e.arn(), e.appArn(), e.token(), StoreJson.write(e.attributes()), e.createdAt());
            return e;
        });
    }

    public Optional<Endpoint> findEndpoint(String arn) {
        return db.read(c -> Sql.one(c, "SELECT * FROM sns_endpoints WHERE arn = ?", PlatformStore::endpoint, arn));
    }

    public List<Endpoint> listEndpoints(String appArn, String after, int limit) {
        return db.read(c -> Sql.list(c, "SELECT * FROM sns_endpoints WHERE app_arn = ? AND arn > ? ORDER BY arn LIMIT ?",
                PlatformStore::endpoint, appArn, after == null ? "" : after, limit));
    }

    public void updateEndpoint(String arn, String token, Map<String, String> attributes) {
        db.write(c -> Sql.update(c, "UPDATE sns_endpoints SET token = ?, attributes = ? WHERE arn = ?", token, StoreJson.write(attributes),
                arn));
    }

    public void deleteEndpoint(String arn) {
        db.write(c -> Sql.update(c, "DELETE FROM sns_endpoints WHERE arn = ?", arn));
    }

    private static Endpoint endpoint(ResultSet rs) throws SQLException {
        return new Endpoint(rs.getString("arn"), rs.getString("app_arn"), rs.getString("token"),
                StoreJson.read(rs.getString("attributes")), rs.getLong("created_at"));
    }
}
