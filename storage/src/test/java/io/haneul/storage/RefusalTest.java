package io.haneul.storage;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures of a reachable PostgreSQL end a node's retries: only those retrying cannot mend. */
class RefusalTest {

    @Test
    void authenticationAndMissingDatabaseAreRefusals() {
        assertTrue(PostgresNotifier.refuses(new SQLException("password authentication failed", "28P01")));
        assertTrue(PostgresNotifier.refuses(new SQLException("database \"x\" does not exist", "3D000")));
        assertTrue(PostgresNotifier.refuses(new SQLException("wrapped", null, new SQLException("no db", "3D000"))));
    }

    @Test
    void passingTroublesAreNot() {
        assertFalse(PostgresNotifier.refuses(new SQLException("too many connections", "53300")));
        assertFalse(PostgresNotifier.refuses(new SQLException("the database system is starting up", "57P03")));
        assertFalse(PostgresNotifier.refuses(new SQLException("no state")));
    }
}
