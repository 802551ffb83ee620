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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        long t0 = 5 * DAY;
        assertTrue(tokens.claim("a", "r", "CreateUser", "old", "{\"a\":1}", t0).won());
        tokens.answer("a", "r", "CreateUser", "old", "{\"a\":1}", t0, "{}");
        SqlRequestTokens.Claim again = tokens.claim("a", "r", "CreateUser", "old", "{\"a\":2}", t0 + DAY);
        assertFalse(again.won());
        assertEquals("{\"a\":1}", again.request());
        assertEquals("{}", again.response());
        assertTrue(tokens.claim("a", "r", "CreateUser", "young", "{}", t0 + DAY - 1).won());
        assertEquals(List.of("old", "young"), stored());
        // claiming a token purges those older than the lifetime, whichever account they belong to
        assertTrue(tokens.claim("b", "r", "DeleteUser", "new", "{}", t0 + DAY + 1).won());
        assertEquals(List.of("new", "young"), stored());
        assertTrue(tokens.claim("a", "r", "CreateUser", "old", "{\"a\":2}", t0 + DAY + 1).won());
    }

    @Test
    void anUnansweredClaimIsSeenAsSuchAndCanBeReleasedOrTakenOverOnce() {
        assertTrue(tokens.claim("a", "r", "CreateUser", "t", "{}", 100).won());
        SqlRequestTokens.Claim held = tokens.claim("a", "r", "CreateUser", "t", "{}", 200);
        assertFalse(held.won());
        assertFalse(held.answered());
        assertEquals(100, held.claimedMs());
        assertTrue(tokens.takeOver("a", "r", "CreateUser", "t", 100, 300));
        assertFalse(tokens.takeOver("a", "r", "CreateUser", "t", 100, 300));
        tokens.release("a", "r", "CreateUser", "t", 100);
        assertEquals(List.of("t"), stored());
        tokens.release("a", "r", "CreateUser", "t", 300);
        assertEquals(List.of(), stored());
    }

    @Test
    void anAnswerIsFencedByItsClaimAndTheFirstStoredAnswerStays() {
        assertTrue(tokens.claim("a", "r", "CreateUser", "t", "{}", 100).won());
        assertTrue(tokens.takeOver("a", "r", "CreateUser", "t", 100, 300));
        // the first owner finishes while the second still runs: its answer is not stored, and its release drops nothing
        assertEquals("{\"by\":1}", tokens.answer("a", "r", "CreateUser", "t", "{}", 100, "{\"by\":1}"));
        tokens.release("a", "r", "CreateUser", "t", 100);
        assertFalse(tokens.look("a", "r", "CreateUser", "t").orElseThrow().answered());
        assertEquals("{\"by\":2}", tokens.answer("a", "r", "CreateUser", "t", "{}", 300, "{\"by\":2}"));
        assertEquals("{\"by\":2}", tokens.answer("a", "r", "CreateUser", "t", "{}", 100, "{\"by\":1}"));
        assertEquals("{\"by\":2}", tokens.look("a", "r", "CreateUser", "t").orElseThrow().response());
    }

    @Test
    void anAnswerWhoseClaimWasReleasedByAnotherOwnerIsStoredAgain() {
        assertTrue(tokens.claim("a", "r", "CreateUser", "t", "{}", 100).won());
        assertTrue(tokens.takeOver("a", "r", "CreateUser", "t", 100, 300));
        tokens.release("a", "r", "CreateUser", "t", 300);
        assertTrue(tokens.look("a", "r", "CreateUser", "t").isEmpty());
        assertEquals("{\"by\":1}", tokens.answer("a", "r", "CreateUser", "t", "{}", 100, "{\"by\":1}"));
        SqlRequestTokens.Claim again = tokens.claim("a", "r", "CreateUser", "t", "{}", 400);
        assertFalse(again.won());
        assertEquals("{\"by\":1}", again.response());
    }
}
