package io.haneul.it.rekognition;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.rekognition.model.ListProjectPoliciesResponse;
import software.amazon.awssdk.services.rekognition.model.ProjectPolicy;

import java.util.ArrayList;
import java.util.List;

import static io.haneul.it.rekognition.RekognitionClients.expectError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Project policies through the SDK v2: revisions as optimistic concurrency (a stale or missing revision
 * id is refused, a policy is never overwritten unknowingly), documents in IAM's grammar with principals,
 * the quota of five a project, paging, deletion, and policies going with their project.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RekognitionProjectPoliciesIT {

    static final String POLICY = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"},
             "Action": "rekognition:CopyProjectVersion", "Resource": "*"}]}""";

    TestServer server;
    RekognitionClients c;

    @BeforeAll
    void start() {
        server = newServer();
        c = new RekognitionClients(server);
    }

    TestServer newServer() {
        return TestServer.start();
    }

    @AfterAll
    void stop() throws Exception {
        c.close();
        server.close();
    }

    @Test
    void aRevisionMustBeTheCurrentOneToChangeOrDeleteAPolicy() {
        String project = c.rek.createProject(b -> b.projectName(RekognitionClients.name("shared"))).projectArn();
        assertEquals(List.of(), c.rek.listProjectPolicies(b -> b.projectArn(project)).projectPolicies());
        String first = c.rek.putProjectPolicy(b -> b.projectArn(project).policyName("partner").policyDocument(POLICY)).policyRevisionId();
        assertTrue(first.matches("[0-9a-f]{32}"), first);
        expectError("ResourceAlreadyExistsException", 400, () -> c.rek.putProjectPolicy(b -> b.projectArn(project).policyName("partner")
                .policyDocument(POLICY)));
        expectError("InvalidPolicyRevisionIdException", 400, () -> c.rek.putProjectPolicy(b -> b.projectArn(project).policyName("partner")
                .policyRevisionId("abc123").policyDocument(POLICY)));

        String changed = POLICY.replace("222222222222", "333333333333");
        String second = c.rek.putProjectPolicy(b -> b.projectArn(project).policyName("partner").policyRevisionId(first)
                .policyDocument(changed)).policyRevisionId();
        assertNotEquals(first, second);
        expectError("InvalidPolicyRevisionIdException", 400, () -> c.rek.putProjectPolicy(b -> b.projectArn(project).policyName("partner")
                .policyRevisionId(first).policyDocument(POLICY)));
        ProjectPolicy p = c.rek.listProjectPolicies(b -> b.projectArn(project)).projectPolicies().getFirst();
        assertEquals(List.of(project, "partner", second, changed), List.of(p.projectArn(), p.policyName(), p.policyRevisionId(), p.policyDocument()));
        assertTrue(!p.lastUpdatedTimestamp().isBefore(p.creationTimestamp()));

        expectError("InvalidPolicyRevisionIdException", 400, () -> c.rek.deleteProjectPolicy(b -> b.projectArn(project).policyName("partner")
                .policyRevisionId(first)));
        c.rek.deleteProjectPolicy(b -> b.projectArn(project).policyName("partner").policyRevisionId(second));
        expectError("ResourceNotFoundException", 400, () -> c.rek.deleteProjectPolicy(b -> b.projectArn(project).policyName("partner")));
        assertEquals(List.of(), c.rek.listProjectPolicies(b -> b.projectArn(project)).projectPolicies());
    }

    @Test
    void documentsMustBeResourcePoliciesInIamsGrammar() {
        String project = c.rek.createProject(b -> b.projectName(RekognitionClients.name("grammar"))).projectArn();
        for (String bad : List.of("not json", "[]", "{\"Statement\": []}",
                "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"rekognition:CopyProjectVersion\", \"Resource\": \"*\"}]}",
                "{\"Statement\": [{\"Effect\": \"Maybe\", \"Principal\": \"*\", \"Action\": \"rekognition:*\", \"Resource\": \"*\"}]}",
                "{\"Statment\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"rekognition:*\", \"Resource\": \"*\"}]}")) {
            expectError("MalformedPolicyDocumentException", 400, () -> c.rek.putProjectPolicy(b -> b.projectArn(project).policyName("p")
                    .policyDocument(bad)));
        }
        assertEquals(List.of(), c.rek.listProjectPolicies(b -> b.projectArn(project)).projectPolicies());
    }

    @Test
    void fiveAProjectPagedInNameOrderAndGoneWithTheirProject() {
        String name = RekognitionClients.name("quota");
        String project = c.rek.createProject(b -> b.projectName(name)).projectArn();
        for (String policy : List.of("e", "c", "a", "d", "b")) {
            c.rek.putProjectPolicy(b -> b.projectArn(project).policyName(policy).policyDocument(POLICY));
        }
        expectError("LimitExceededException", 400, () -> c.rek.putProjectPolicy(b -> b.projectArn(project).policyName("f").policyDocument(POLICY)));
        List<String> names = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListProjectPoliciesResponse page = c.rek.listProjectPolicies(b -> b.projectArn(project).maxResults(2).nextToken(t));
            page.projectPolicies().forEach(p -> names.add(p.policyName()));
            sizes.add(page.projectPolicies().size());
            token = page.nextToken();
        } while (token != null);
        assertEquals(List.of("a", "b", "c", "d", "e"), names);
        assertEquals(List.of(2, 2, 1), sizes);
        expectError("InvalidPaginationTokenException", 400, () -> c.rek.listProjectPolicies(b -> b.projectArn(project).nextToken("%%%")));

        c.rek.deleteProject(b -> b.projectArn(project));
        expectError("ResourceNotFoundException", 400, () -> c.rek.listProjectPolicies(b -> b.projectArn(project)));
        expectError("ResourceNotFoundException", 400, () -> c.rek.putProjectPolicy(b -> b.projectArn(project).policyName("a")
                .policyDocument(POLICY)));
        String again = c.rek.createProject(b -> b.projectName(name)).projectArn();
        ListProjectPoliciesResponse none = c.rek.listProjectPolicies(b -> b.projectArn(again));
        assertEquals(List.of(), none.projectPolicies());
        assertNull(none.nextToken());
    }

    /** Writers racing for the last places of the quota follow one another: five policies in all, never more. */
    @Test
    void racingWritersNeverPassTheQuota() throws Exception {
        String project = c.rek.createProject(b -> b.projectName(RekognitionClients.name("race"))).projectArn();
        List<java.util.concurrent.Callable<Boolean>> puts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String policy = "p" + i;
            puts.add(() -> {
                try {
                    c.rek.putProjectPolicy(b -> b.projectArn(project).policyName(policy).policyDocument(POLICY));
                    return true;
                } catch (software.amazon.awssdk.services.rekognition.model.LimitExceededException e) {
                    return false;
                }
            });
        }
        int created = 0;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(12)) {
            for (var f : pool.invokeAll(puts)) {
                created += f.get() ? 1 : 0;
            }
        }
        assertEquals(5, created);
        assertEquals(5, c.rek.listProjectPolicies(b -> b.projectArn(project)).projectPolicies().size());
    }

    @Test
    void onlyCustomLabelsProjectsTakePolicies() {
        String moderation = c.rek.createProject(b -> b.projectName(RekognitionClients.name("adapters")).feature("CONTENT_MODERATION")).projectArn();
        expectError("InvalidParameterException", 400, () -> c.rek.putProjectPolicy(b -> b.projectArn(moderation).policyName("p")
                .policyDocument(POLICY)));
    }
}
