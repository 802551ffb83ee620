package io.haneul.rekognition.store;

import io.haneul.storage.Database;
import io.haneul.storage.Databases;
import io.haneul.storage.Sql;
import io.haneul.storage.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqlRequestTokensTest {

    static final long DAY = SqlRequestTokens.LIFETIME.toMillis();

    @TempDir
    Path dir;
    Database db;
    SqlRequestTokens tokens;

    @BeforeEach
    void open() {
        db = Databases.open(StorageConfig.parse("sqlite"), dir);
        db.migrate(RekognitionSchema.COMPONENT, RekognitionSchema.MIGRATIONS);
        tokens = new SqlRequestTokens(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    List<String> stored() {
        return db.read(c -> Sql.list(c, "SELECT token FROM rekognition_request_tokens ORDER BY token", rs -> rs.getString(1)));
    }

    @Test
    void aTokenAnswersForItsLifetimeAndIsPurgedAfter() {
        SqlRequestTokens.Answer first = new SqlRequestTokens.Answer("{\"a\":1}", "{}");
        long t0 = 5 * DAY;
        tokens.remember("a", "r", "CreateUser", "old", first, t0);
        tokens.remember("a", "r", "CreateUser", "old", new SqlRequestTokens.Answer("{\"a\":2}", "{}"), t0 + 1);
        assertEquals(Optional.of(first), tokens.find("a", "r", "CreateUser", "old", t0 + DAY));
        assertEquals(Optional.empty(), tokens.find("a", "r", "CreateUser", "old", t0 + DAY + 1));
        tokens.remember("a", "r", "CreateUser", "young", first, t0 + DAY - 1);
        assertEquals(List.of("old", "young"), stored());
        // recording a token purges those older than the lifetime, whichever account they belong to
        tokens.remember("b", "r", "DeleteUser", "new", first, t0 + DAY + 1);
        assertEquals(List.of("new", "young"), stored());
    }
}
