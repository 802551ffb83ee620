package io.haneul.sns.store;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

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
        return db.read(c -> Sql.one(c, "SELECT id, private_key, certificate FROM sns_signing_keys ORDER BY created_at, id LIMIT 1",
                rs -> new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3))));
    }

    /** Stores the key unless another node stored one first; returns the key to use. */
    public StoredKey insertIfAbsent(StoredKey key, long now) {
        db.write(c -> {
            if (Sql.one(c, "SELECT COUNT(*) FROM sns_signing_keys", rs -> rs.getLong(1)).orElseThrow() > 0) {
                return null;
            }
            return Sql.update(c, "INSERT INTO sns_signing_keys (id, private_key, certificate, created_at) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (id) DO NOTHING", key.id(), key.privateKey(), key.certificate(), now);
        });
        return find().orElseThrow();
    }
}
