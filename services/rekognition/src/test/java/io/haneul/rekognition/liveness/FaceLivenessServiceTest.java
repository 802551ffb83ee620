package io.haneul.rekognition.liveness;

import io.haneul.storage.StepClock;
import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.store.RekognitionSchema;
import io.haneul.rekognition.store.SqlLivenessSessions;
import io.haneul.storage.Database;
import io.haneul.storage.Databases;
import io.haneul.storage.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FaceLivenessServiceTest {

    @TempDir
    Path dir;
    Database db;
    final StepClock clock = new StepClock(Instant.parse("2026-12-07T12:00:00Z"));
    FaceLivenessService sessions;

    @BeforeEach
    void open() {
        db = Databases.open(StorageConfig.parse("sqlite"), dir);
        db.migrate(RekognitionSchema.COMPONENT, RekognitionSchema.MIGRATIONS);
        sessions = new FaceLivenessService(new SqlLivenessSessions(db), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aSessionThatReceivesNoVideoIsCreatedUntilItExpires() {
        String id = sessions.create("a", "r", "{}");
        assertEquals(36, id.length());
        clock.advance(FaceLivenessService.VALIDITY.minusMillis(1));
        assertEquals("CREATED", sessions.results("a", "r", id).status());
        clock.advance(Duration.ofMillis(1));
        assertEquals("EXPIRED", sessions.results("a", "r", id).status());
        assertEquals("SessionNotFoundException", assertThrows(RekognitionException.class, () -> sessions.results("b", "r", id)).code());
    }

    @Test
    void sessionsArePurgedADayAfterCreation() {
        String old = sessions.create("a", "r", "{}");
        clock.advance(FaceLivenessService.KEPT.plusMillis(1));
        assertEquals("SessionNotFoundException", assertThrows(RekognitionException.class, () -> sessions.results("a", "r", old)).code());
        sessions.create("a", "r", "{}");
        assertEquals(1, db.read(c -> io.haneul.storage.Sql.one(c, "SELECT COUNT(*) FROM rekognition_liveness_sessions", rs -> rs.getInt(1))).orElseThrow());
    }
}
