package io.haneul.rekognition.customlabels;

import io.haneul.storage.StepClock;
import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.store.RekognitionSchema;
import io.haneul.rekognition.store.SqlDatasets;
import io.haneul.rekognition.store.SqlProjectPolicies;
import io.haneul.rekognition.store.SqlProjects;
import io.haneul.rekognition.store.SqlResourceTags;
import io.haneul.storage.Database;
import io.haneul.storage.Databases;
import io.haneul.storage.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rekognition.model.CreateProjectRequest;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProjectPolicyServiceTest {

    static final String POLICY = "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"222222222222\"}, "
            + "\"Action\": \"rekognition:CopyProjectVersion\", \"Resource\": \"*\"}}";

    @TempDir
    Path dir;
    Database db;
    final StepClock clock = new StepClock(Instant.parse("2026-12-07T12:00:00Z"));
    ProjectPolicyService policies;
    String project;

    @BeforeEach
    void open() {
        db = Databases.open(StorageConfig.parse("sqlite"), dir);
        db.migrate(RekognitionSchema.COMPONENT, RekognitionSchema.MIGRATIONS);
        SqlProjects projects = new SqlProjects(db);
        project = new ProjectService(projects, new SqlDatasets(db), new SqlResourceTags(), clock)
                .create("a", "r", CreateProjectRequest.builder().projectName("models").build());
        policies = new ProjectPolicyService(projects, new SqlProjectPolicies(), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    String refused(Runnable call) {
        return assertThrows(RekognitionException.class, call::run).code();
    }

    @Test
    void aRevisionReplacesThePolicyOnlyOnceAndMovesItsUpdateTime() {
        String first = policies.put("a", "r", project, "p", null, POLICY);
        clock.advance(Duration.ofMinutes(5));
        String second = policies.put("a", "r", project, "p", first, POLICY.replace("222222222222", "333333333333"));
        assertEquals("InvalidPolicyRevisionIdException", refused(() -> policies.put("a", "r", project, "p", first, POLICY)));
        ProjectPolicyService.Policy p = policies.list("a", "r", project, null, null).items().getFirst();
        assertEquals(List.of(second, clock.millis() - Duration.ofMinutes(5).toMillis(), clock.millis()),
                List.of(p.row().revisionId(), p.row().createdMs(), p.row().updatedMs()));
        assertEquals("InvalidPolicyRevisionIdException", refused(() -> policies.put("a", "r", project, "other", first, POLICY)));
    }

    @Test
    void aFullProjectStillTakesRevisionsOfItsPolicies() {
        String last = null;
        for (String name : List.of("a", "b", "c", "d", "e")) {
            last = policies.put("a", "r", project, name, null, POLICY);
        }
        assertEquals("LimitExceededException", refused(() -> policies.put("a", "r", project, "f", null, POLICY)));
        assertEquals("ResourceAlreadyExistsException", refused(() -> policies.put("a", "r", project, "e", null, POLICY)));
        policies.put("a", "r", project, "e", last, POLICY);
        policies.delete("a", "r", project, "a", null);
        policies.put("a", "r", project, "f", null, POLICY);
    }

    @Test
    void documentsNeedStatementsWithPrincipals() {
        for (String bad : List.of("", "{", "{\"Statement\": []}", "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}",
                "{\"Version\": \"2012-10-17\"}", "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": {\"x\": 1}, \"Resource\": \"*\"}]}")) {
            assertEquals("MalformedPolicyDocumentException", refused(() -> ProjectPolicyService.checkDocument(bad)), bad);
        }
        ProjectPolicyService.checkDocument(POLICY);
        ProjectPolicyService.checkDocument("{\"Statement\": [{\"Effect\": \"Deny\", \"NotPrincipal\": {\"AWS\": \"*\"}, \"Action\": \"*\", \"Resource\": \"*\"}]}");
    }

    @Test
    void anotherAccountsOrAnUnknownProjectIsNotFound() {
        assertEquals("ResourceNotFoundException", refused(() -> policies.put("a", "r", project.replace("/models/", "/other/"), "p", null, POLICY)));
        assertEquals("ResourceNotFoundException", refused(() -> policies.list("a", "r", project.replaceAll("/\\d+$", "/1"), null, null)));
        assertEquals("ResourceNotFoundException", refused(() -> policies.delete("a", "r", project, "never", null)));
    }
}
