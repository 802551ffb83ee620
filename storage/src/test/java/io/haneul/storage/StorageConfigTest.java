package io.haneul.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageConfigTest {

    @Test
    void sqliteIsTheDefault() {
        for (String option : new String[] {null, "", "  ", "sqlite", "SQLite"}) {
            StorageConfig config = StorageConfig.parse(option);
            StorageConfig.Sqlite sqlite = assertInstanceOf(StorageConfig.Sqlite.class, config);
            assertEquals(Dialect.SQLITE, config.dialect());
            assertEquals(Path.of("/data/haneul.db"), sqlite.databaseFile(Path.of("/data")));
        }
    }

    @Test
    void postgresUrlsInBothSpellings() {
        for (String scheme : new String[] {"postgresql", "postgres"}) {
            StorageConfig.Postgres pg = assertInstanceOf(StorageConfig.Postgres.class,
                    StorageConfig.parse(scheme + "://haneul:s3cret@db.internal:6543/haneul"));
            assertEquals(Dialect.POSTGRES, pg.dialect());
            assertEquals("db.internal", pg.host());
            assertEquals(6543, pg.port());
            assertEquals("haneul", pg.database());
            assertEquals("haneul", pg.user());
            assertEquals("s3cret", pg.password());
            assertEquals("jdbc:postgresql://db.internal:6543/haneul", pg.jdbcUrl());
        }
    }

    @Test
    void defaultsEscapesAndDriverParameters() {
        StorageConfig.Postgres pg = (StorageConfig.Postgres) StorageConfig.parse(
                "postgresql://app%40corp:p%3Ass%2Bw@localhost/?sslmode=require&connectTimeout=5");
        assertEquals(5432, pg.port());
        assertEquals("app@corp", pg.user());
        assertEquals("p:ss+w", pg.password());
        assertEquals("app@corp", pg.database());
        assertEquals(Map.of("sslmode", "require", "connectTimeout", "5"), pg.parameters());
        assertEquals("jdbc:postgresql://localhost:5432/app%40corp?sslmode=require&connectTimeout=5", pg.jdbcUrl());

        StorageConfig.Postgres anonymous = (StorageConfig.Postgres) StorageConfig.parse("postgres://[::1]:5433/db");
        assertNull(anonymous.user());
        assertNull(anonymous.password());
        assertEquals("[::1]", anonymous.host());
    }

    @Test
    void thePasswordNeverShowsInTextOrErrors() {
        StorageConfig pg = StorageConfig.parse("postgresql://u:hunter2@h:1/d");
        assertFalse(pg.toString().contains("hunter2"));
        assertTrue(pg.toString().contains("u:***@h:1/d"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StorageConfig.parse("mysql://u:hunter2@h/d"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void nonsenseIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> StorageConfig.parse("postgresql:///nohost"));
        assertThrows(IllegalArgumentException.class, () -> StorageConfig.parse("postgresql://h:notaport/db"));
        assertThrows(IllegalArgumentException.class, () -> StorageConfig.parse("/var/lib/haneul.db"));
    }
}
