package io.haneul.appstream.store;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.util.LinkedHashMap;
import java.util.Map;

/** The tags of AppStream resources, by ARN. */
public final class Tags {

    private final Database db;

    public Tags(Database db) {
        this.db = db;
    }

    public Map<String, String> of(String account, String region, String arn) {
        Map<String, String> tags = new LinkedHashMap<>();
        db.read(c -> Sql.list(c, "SELECT tag_key, tag_value FROM appstream_tags WHERE account = ? AND region = ? AND arn = ? ORDER BY tag_key",
                rs -> tags.put(rs.getString(1), rs.getString(2)), account, region, arn));
        return tags;
    }

    public void put(String account, String region, String arn, Map<String, String> tags) {
        db.write(c -> {
            for (Map.Entry<String, String> t : tags.entrySet()) {
                Sql.update(c, "DELETE FROM appstream_tags WHERE account = ? AND region = ? AND arn = ? AND tag_key = ?", account, region, arn, t.getKey());
                Sql.update(c, "INSERT INTO appstream_tags (account, region, arn, tag_key, tag_value) VALUES (?, ?, ?, ?, ?)",
                        account, region, arn, t.getKey(), t.getValue());
            }
            return null;
        });
    }

    public void remove(String account, String region, String arn, Iterable<String> keys) {
        db.write(c -> {
            for (String k : keys) {
                Sql.update(c, "DELETE FROM appstream_tags WHERE account = ? AND region = ? AND arn = ? AND tag_key = ?", account, region, arn, k);
            }
            return null;
        });
    }

    public void forget(String account, String region, String arn) {
        db.write(c -> Sql.update(c, "DELETE FROM appstream_tags WHERE account = ? AND region = ? AND arn = ?", account, region, arn));
    }
}
