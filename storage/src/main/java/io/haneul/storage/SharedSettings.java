package io.haneul.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Facts that every node sharing a database must agree on, recorded once by whichever node comes
 * first (e.g. which blob store holds S3's bytes), so that a node configured differently can notice
 * it and refuse to run rather than answer with missing data. Table {@code haneul_settings},
 * migration component {@value #COMPONENT}.
 */
public final class SharedSettings {

    static final String COMPONENT = "settings";

    private final Database db;
    private final Clock clock;

    public SharedSettings(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        db.migrate(COMPONENT, List.of(Migration.of(20, "settings shared by the nodes of a cluster", """
                CREATE TABLE haneul_settings (
                  name VARCHAR(200) PRIMARY KEY, value TEXT NOT NULL, recorded_at BIGINT NOT NULL);
                """)));
    }

    /** The recorded value, if any node recorded one. */
    public Optional<String> get(String name) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM haneul_settings WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Records {@code value} unless a value is recorded already; returns the recorded one (the first node's). */
    public String putIfAbsent(String name, String value) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO haneul_settings (name, value, recorded_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
                ps.setString(1, name);
                ps.setString(2, value);
                ps.setLong(3, clock.millis());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM haneul_settings WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }
}
