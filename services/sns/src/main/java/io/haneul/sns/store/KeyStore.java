package io.haneul.sns.store;

import io.haneul.storage.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * The signing key of this Haneul installation, kept in the store so that it survives restarts and
 * is shared by every node: PKCS#8 private key and X.509 certificate, both base64 DER.
 */
public final class KeyStore {

    /** A stored key pair. */
    public record StoredKey(String id, String privateKey, String certificate) {
    }

    private final Database db;

    public KeyStore(Database db) {
        this.db = db;
        db.migrate("sns", SnsSchema.migrations());
    }

    public Optional<StoredKey> find() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, private_key, certificate FROM sns_signing_keys ORDER BY created_at, id LIMIT 1")) {
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3))) : Optional.empty();
                }
            }
        });
    }

    /** Stores the key unless another node stored one first; returns the key to use. */
    public StoredKey insertIfAbsent(StoredKey key, long now) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM sns_signing_keys"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return null;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sns_signing_keys (id, private_key, certificate, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                ps.setString(1, key.id());
                ps.setString(2, key.privateKey());
                ps.setString(3, key.certificate());
                ps.setLong(4, now);
                return ps.executeUpdate();
            }
        });
        return find().orElseThrow();
    }
}
