package io.haneul.rekognition.store;

import io.haneul.storage.Database;
import io.haneul.storage.Databases;
import io.haneul.storage.Sql;
import io.haneul.storage.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Migration 57: policies stored before it are keyed by their project's creation time; those of a project that is gone are dropped. */
class ProjectPoliciesMigrationTest {

    @TempDir
    Path dir;
    Database db;

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void policiesOfALiveProjectKeepItsCreationTimeAndOrphansGo() {
        db = Databases.open(StorageConfig.parse("sqlite"), dir);
        db.migrate(RekognitionSchema.COMPONENT, RekognitionSchema.MIGRATIONS.stream().filter(m -> m.version() <= 56).toList());
        db.write(c -> {
            new SqlProjects(db).create(c, "a", "r", new SqlProjects.ProjectRow("models", "CUSTOM_LABELS", null, 1234L));
            for (String project : List.of("models", "gone")) {
                Sql.update(c, "INSERT INTO rekognition_project_policies (account, region, project, policy_name, revision_id, document, "
                        + "created_ms, updated_ms) VALUES ('a', 'r', ?, 'p', 'rev', '{}', 1, 2)", project);
            }
            return null;
        });
        db.migrate(RekognitionSchema.COMPONENT, RekognitionSchema.MIGRATIONS);
        SqlProjectPolicies policies = new SqlProjectPolicies();
        assertEquals(List.of(new SqlProjectPolicies.PolicyRow("p", "rev", "{}", 1, 2)),
                db.read(c -> policies.list(c, new SqlProjectPolicies.Owner("a", "r", "models", 1234L), null, 10)));
        int ofAnotherIncarnation = db.read(c -> policies.count(c, new SqlProjectPolicies.Owner("a", "r", "models", 99L)));
        int stored = db.read(c -> Sql.one(c, "SELECT COUNT(*) FROM rekognition_project_policies", rs -> rs.getInt(1)).orElseThrow());
        assertEquals(List.of(0, 1), List.of(ofAnotherIncarnation, stored));
    }
}
